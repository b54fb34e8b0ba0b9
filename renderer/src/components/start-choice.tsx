import { useTranslation } from 'react-i18next';

export type StartMode = 'school' | 'demo';

/** The first-run screen's two ways to start, as a radio group. */
export function StartChoice({
  mode,
  onChange,
}: {
  mode: StartMode;
  onChange: (mode: StartMode) => void;
}) {
  const { t } = useTranslation('setup');
  const choices: { mode: StartMode; title: string; hint: string }[] = [
    { mode: 'school', title: t('choice.school'), hint: t('choice.schoolHint') },
    { mode: 'demo', title: t('choice.demo'), hint: t('choice.demoHint') },
  ];
  return (
    <fieldset className="choice-group">
      <legend>{t('choice.legend')}</legend>
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
