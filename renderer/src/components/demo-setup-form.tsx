import { useRef, useState, type FormEvent } from 'react';
import type { DemoSchoolStarted } from '../../../contract';
import { beacon, unreachable } from '../beacon';
import { FormProblems, useFormFields } from '../use-form-fields';
import { AdminFields, passwordsMatch } from './admin-fields';

type Field = 'displayName' | 'username' | 'password' | 'confirm';

const labels: Record<Field, string> = {
  displayName: 'Your name',
  username: 'Username',
  password: 'Password',
  confirm: 'Confirm password',
};

/** The sizes offered, in students; the backend accepts 100 to 3000. */
const sizes = [
  { name: 'Small', students: 300 },
  { name: 'Medium', students: 600 },
  { name: 'Large', students: 1200 },
];

interface Props {
  /** What was typed on the other form already, so switching does not lose it. */
  initial: Partial<Record<Field, string>>;
  onStarted: (started: DemoSchoolStarted) => void;
}

/** The demo school's administrator and size; sends loadDemoSchool and hands over its job. */
export function DemoSetupForm({ initial, onStarted }: Props) {
  const formRef = useRef<HTMLFormElement>(null);
  const form = useFormFields(
    labels,
    {
      displayName: initial.displayName ?? '',
      username: initial.username ?? '',
      password: initial.password ?? '',
      confirm: initial.confirm ?? '',
    },
    formRef,
  );
  const [students, setStudents] = useState(300);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.clear();
    if (!passwordsMatch(form)) return;
    setBusy(true);
    const { displayName, username, password } = form.values;
    const result = await beacon
      .loadDemoSchool({ displayName, username, password, students })
      .catch(() => unreachable);
    setBusy(false);
    if (result.ok) return onStarted(result.value);
    form.fail(result);
  }

  return (
    <form
      ref={formRef}
      aria-label="Explore Beacon with a demo school"
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      <FormProblems form={form} title="The demo school was not loaded" />
      <p className="hint">
        You will be the demo school&apos;s administrator. Keep the password: you need it to sign in
        again.
      </p>
      <AdminFields form={form} />
      <fieldset className="choice-group" aria-describedby="demo-size-hint">
        <legend>Size of the demo school</legend>
        <p id="demo-size-hint" className="hint">
          A larger school takes longer to load.
        </p>
        {sizes.map((size) => (
          <div key={size.name} className="choice">
            <input
              id={`demo-size-${size.students}`}
              type="radio"
              name="students"
              value={size.students}
              checked={students === size.students}
              onChange={() => setStudents(size.students)}
            />
            <label htmlFor={`demo-size-${size.students}`}>
              {size.name} ({size.students.toLocaleString('en')} students)
            </label>
          </div>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Starting…' : 'Load the demo school'}
        </button>
      </div>
    </form>
  );
}
