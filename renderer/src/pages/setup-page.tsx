import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurrentUser, DemoSchoolStarted } from '../../../contract';
import { beacon, unreachable } from '../beacon';
import { AdminFields, passwordsMatch } from '../components/admin-fields';
import { DemoProgress } from '../components/demo-progress';
import { DemoSetupForm } from '../components/demo-setup-form';
import { Page } from '../components/page';
import { StartChoice, type StartMode } from '../components/start-choice';
import { FormProblems, useFormFields } from '../use-form-fields';

type Field = 'schoolName' | 'username' | 'displayName' | 'password' | 'confirm';

interface Props {
  schoolName: string | null;
  onDone: (user: CurrentUser) => void;
}

/**
 * First run: names the school and creates the first administrator, who is then signed in; or
 * loads the demo school (with its administrator) and follows the job that writes it.
 */
export function SetupPage({ schoolName, onDone }: Props) {
  const { t } = useTranslation('setup');
  const labels: Record<Field, string> = {
    schoolName: t('field.schoolName'),
    username: t('field.username'),
    displayName: t('field.displayName'),
    password: t('field.password'),
    confirm: t('field.confirm'),
  };
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
    if (!passwordsMatch(form, t('mismatch'))) return;
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
    <Page heading={t('title')} lead={t('lead')}>
      <StartChoice mode={mode} onChange={setMode} />
      {mode === 'demo' ? (
        <DemoSetupForm initial={form.values} onStarted={setDemo} />
      ) : (
        <form ref={formRef} aria-label={t('title')} noValidate onSubmit={(e) => void submit(e)}>
          <FormProblems form={form} title={t('notSetUp')} />
          {form.field('schoolName', { maxLength: 120 })}
          <AdminFields form={form} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={saving}>
              {saving ? t('submitting') : t('submit')}
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}
