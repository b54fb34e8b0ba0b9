import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DemoSchoolStarted, Failure } from '../../../contract';
import { beacon } from '../beacon';
import { describeFieldError, fieldErrors } from '../field-errors';
import { FailureAlert } from './failure-alert';
import { TextField, type TextFieldProps } from './text-field';

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

const unreachable: Failure = {
  ok: false,
  code: 'INTERNAL',
  message: 'Beacon could not reach its database process. Restart the app.',
};

interface Props {
  /** What was typed on the other form already, so switching does not lose it. */
  initial: Partial<Record<Field, string>>;
  onStarted: (started: DemoSchoolStarted) => void;
}

/** The demo school's administrator and size; sends loadDemoSchool and hands over its job. */
export function DemoSetupForm({ initial, onStarted }: Props) {
  const [values, setValues] = useState<Record<Field, string>>({
    displayName: initial.displayName ?? '',
    username: initial.username ?? '',
    password: initial.password ?? '',
    confirm: initial.confirm ?? '',
  });
  const [students, setStudents] = useState(300);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const firstInvalid = (Object.keys(labels) as Field[]).find((f) => errors[f]);

  useEffect(() => {
    if (firstInvalid) form.current?.querySelector<HTMLElement>(`[name="${firstInvalid}"]`)?.focus();
  }, [errors, firstInvalid]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    setErrors({});
    if (values.password !== values.confirm) {
      setErrors({ confirm: 'Confirm password does not match the password.' });
      return;
    }
    setBusy(true);
    const result = await beacon
      .loadDemoSchool({
        displayName: values.displayName,
        username: values.username,
        password: values.password,
        students,
      })
      .catch(() => unreachable);
    setBusy(false);
    if (result.ok) return onStarted(result.value);
    setErrors(
      Object.fromEntries(
        Object.entries(fieldErrors(result)).map(([f, m]) => [
          f,
          describeFieldError(labels[f as Field] ?? f, m),
        ]),
      ),
    );
    setFailure(result);
  }

  const field = (name: Field, extra: Partial<TextFieldProps> = {}) => (
    <TextField
      name={name}
      label={labels[name]}
      value={values[name]}
      onChange={(value) => setValues((v) => ({ ...v, [name]: value }))}
      error={errors[name]}
      required
      {...extra}
    />
  );

  return (
    <form
      ref={form}
      aria-label="Explore Beacon with a demo school"
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      {firstInvalid ? (
        <div role="alert" className="alert alert-error">
          <p className="alert-title">The demo school was not loaded</p>
          <ul>
            {Object.entries(errors).map(([f, message]) => (
              <li key={f}>{message}</li>
            ))}
          </ul>
        </div>
      ) : (
        failure && <FailureAlert failure={failure} title="The demo school was not loaded" />
      )}
      <p className="hint">
        You will be the demo school&apos;s administrator. Keep the password: you need it to sign in
        again.
      </p>
      <div className="field-row">
        {field('displayName', { maxLength: 120, hint: 'As colleagues will see it.' })}
        {field('username', {
          maxLength: 64,
          autoComplete: 'username',
          hint: 'You sign in with it: letters, digits, dots, hyphens or underscores.',
        })}
      </div>
      <div className="field-row">
        {field('password', {
          type: 'password',
          autoComplete: 'new-password',
          hint: 'At least 10 characters.',
        })}
        {field('confirm', { type: 'password', autoComplete: 'new-password' })}
      </div>
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
