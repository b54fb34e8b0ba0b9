import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CurrentUser, DemoSchoolStarted, Failure } from '../../../contract';
import { beacon } from '../beacon';
import { DemoProgress } from '../components/demo-progress';
import { DemoSetupForm } from '../components/demo-setup-form';
import { FailureAlert } from '../components/failure-alert';
import { StartChoice, type StartMode } from '../components/start-choice';
import { TextField } from '../components/text-field';
import { describeFieldError, fieldErrors } from '../field-errors';

type Field = 'schoolName' | 'username' | 'displayName' | 'password' | 'confirm';

const labels: Record<Field, string> = {
  schoolName: 'School name',
  username: 'Username',
  displayName: 'Your name',
  password: 'Password',
  confirm: 'Confirm password',
};

const unreachable: Failure = {
  ok: false,
  code: 'INTERNAL',
  message: 'Beacon could not reach its database process. Restart the app.',
};

interface Props {
  schoolName: string | null;
  onDone: (user: CurrentUser) => void;
}

/**
 * First run: names the school and creates the first administrator, who is then signed in; or
 * loads the demo school (with its administrator) and follows the job that writes it.
 */
export function SetupPage({ schoolName, onDone }: Props) {
  const [values, setValues] = useState<Record<Field, string>>({
    schoolName: schoolName ?? '',
    username: '',
    displayName: '',
    password: '',
    confirm: '',
  });
  const [failure, setFailure] = useState<Failure | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saving, setSaving] = useState(false);
  const [mode, setMode] = useState<StartMode>('school');
  const [demo, setDemo] = useState<DemoSchoolStarted | null>(null);
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
    setSaving(true);
    const input = {
      schoolName: values.schoolName,
      username: values.username,
      displayName: values.displayName,
      password: values.password,
    };
    const result = await beacon.setupSchool(input).catch(() => unreachable);
    setSaving(false);
    if (result.ok) return onDone(result.value);
    const byField = fieldErrors(result);
    setErrors(
      Object.fromEntries(
        Object.entries(byField).map(([f, m]) => [
          f,
          describeFieldError(labels[f as Field] ?? f, m),
        ]),
      ),
    );
    setFailure(result);
  }

  const field = (name: Field, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
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

  if (demo) return <DemoProgress started={demo} onDone={onDone} />;

  return (
    <section aria-labelledby="setup-title">
      <h1 id="setup-title" tabIndex={-1}>
        Set up your school
      </h1>
      <p className="muted">
        Welcome to Beacon. Set up your own school, or look around first in a demo school.
      </p>
      <StartChoice mode={mode} onChange={setMode} />
      {mode === 'demo' ? (
        <DemoSetupForm initial={values} onStarted={setDemo} />
      ) : (
        <form
          ref={form}
          aria-label="Set up your school"
          noValidate
          onSubmit={(e) => void submit(e)}
        >
          {firstInvalid ? (
            <div role="alert" className="alert alert-error">
              <p className="alert-title">Beacon was not set up</p>
              <ul>
                {Object.entries(errors).map(([f, message]) => (
                  <li key={f}>{message}</li>
                ))}
              </ul>
            </div>
          ) : (
            failure && <FailureAlert failure={failure} title="Beacon was not set up" />
          )}
          {field('schoolName', { maxLength: 120 })}
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
          <div className="form-actions">
            <button type="submit" className="primary" disabled={saving}>
              {saving ? 'Setting up…' : 'Set up Beacon'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
