import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DemoSchoolStarted } from '../../../contract';
import { beacon, unreachable } from '../beacon';
import { FormProblems, useFormFields } from '../use-form-fields';
import { AdminFields, passwordsMatch } from './admin-fields';

type Field = 'displayName' | 'username' | 'password' | 'confirm';

/** The sizes offered, in students; the backend accepts 100 to 3000. */
const sizes = [
  { size: 'small', students: 300 },
  { size: 'medium', students: 600 },
  { size: 'large', students: 1200 },
] as const;

interface Props {
  /** What was typed on the other form already, so switching does not lose it. */
  initial: Partial<Record<Field, string>>;
  onStarted: (started: DemoSchoolStarted) => void;
}

/** The demo school's administrator and size; sends loadDemoSchool and hands over its job. */
export function DemoSetupForm({ initial, onStarted }: Props) {
  const { t } = useTranslation('setup');
  const labels: Record<Field, string> = {
    displayName: t('field.displayName'),
    username: t('field.username'),
    password: t('field.password'),
    confirm: t('field.confirm'),
  };
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
    if (!passwordsMatch(form, t('mismatch'))) return;
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
    <form ref={formRef} aria-label={t('demo.form')} noValidate onSubmit={(e) => void submit(e)}>
      <FormProblems form={form} title={t('demo.notLoaded')} />
      <p className="hint">{t('demo.intro')}</p>
      <AdminFields form={form} />
      <fieldset className="choice-group" aria-describedby="demo-size-hint">
        <legend>{t('demo.size')}</legend>
        <p id="demo-size-hint" className="hint">
          {t('demo.sizeHint')}
        </p>
        {sizes.map((size) => (
          <div key={size.size} className="choice">
            <input
              id={`demo-size-${size.students}`}
              type="radio"
              name="students"
              value={size.students}
              checked={students === size.students}
              onChange={() => setStudents(size.students)}
            />
            <label htmlFor={`demo-size-${size.students}`}>
              {t(`demo.${size.size}`, { count: size.students })}
            </label>
          </div>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('demo.submitting') : t('demo.submit')}
        </button>
      </div>
    </form>
  );
}
