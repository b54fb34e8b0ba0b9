export type StartMode = 'school' | 'demo';

const choices: { mode: StartMode; title: string; hint: string }[] = [
  {
    mode: 'school',
    title: 'Set up your school',
    hint: 'Name your school and create the administrator account; you can add teachers afterwards.',
  },
  {
    mode: 'demo',
    title: 'Explore Beacon with a demo school',
    hint: 'Beacon invents a school with three years of attendance, marks and incidents, and trains its risk model on them. Nobody in it is real.',
  },
];

/** The first-run screen's two ways to start, as a radio group. */
export function StartChoice({
  mode,
  onChange,
}: {
  mode: StartMode;
  onChange: (mode: StartMode) => void;
}) {
  return (
    <fieldset className="choice-group">
      <legend>How would you like to start?</legend>
      {choices.map((c) => (
        <div key={c.mode} className="choice">
          <input
            id={`start-${c.mode}`}
            type="radio"
            name="start"
            value={c.mode}
            checked={mode === c.mode}
            onChange={() => onChange(c.mode)}
            aria-describedby={`start-${c.mode}-hint`}
          />
          <div>
            <label htmlFor={`start-${c.mode}`}>{c.title}</label>
            <p id={`start-${c.mode}-hint`} className="hint">
              {c.hint}
            </p>
          </div>
        </div>
      ))}
    </fieldset>
  );
}
