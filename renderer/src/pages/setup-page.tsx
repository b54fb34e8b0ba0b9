import { useRef, useState, type FormEvent } from 'react';
import type { CurrentUser, DemoSchoolStarted } from '../../../contract';
import { beacon, unreachable } from '../beacon';
import { AdminFields, passwordsMatch } from '../components/admin-fields';
import { DemoProgress } from '../components/demo-progress';
import { DemoSetupForm } from '../components/demo-setup-form';
import { StartChoice, type StartMode } from '../components/start-choice';
import { FormProblems, useFormFields } from '../use-form-fields';

type Field = 'schoolName' | 'username' | 'displayName' | 'password' | 'confirm';

const labels: Record<Field, string> = {
  schoolName: 'School name',
  username: 'Username',
  displayName: 'Your name',
  password: 'Password',
  confirm: 'Confirm password',
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
  const formRef = useRef<HTMLFormElement>(null);
  const form = useFormFields(
    labels,
    {
      schoolName: schoolName ?? '',
      username: '',
      displayName: '',
      password: '',
      confirm: '',
    },
    formRef,
  );
  const [saving, setSaving] = useState(false);
  const [mode, setMode] = useState<StartMode>('school');
  const [demo, setDemo] = useState<DemoSchoolStarted | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.clear();
    if (!passwordsMatch(form)) return;
    setSaving(true);
    const { schoolName: name, username, displayName, password } = form.values;
    const result = await beacon
      .setupSchool({ schoolName: name, username, displayName, password })
      .catch(() => unreachable);
    setSaving(false);
    if (result.ok) return onDone(result.value);
    form.fail(result);
  }

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
        <DemoSetupForm initial={form.values} onStarted={setDemo} />
      ) : (
        <form
          ref={formRef}
          aria-label="Set up your school"
          noValidate
          onSubmit={(e) => void submit(e)}
        >
          <FormProblems form={form} title="Beacon was not set up" />
          {form.field('schoolName', { maxLength: 120 })}
          <AdminFields form={form} />
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
