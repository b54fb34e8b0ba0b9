import { useTranslation } from 'react-i18next';
import type { FormFields } from '../use-form-fields';

type AdminField = 'displayName' | 'username' | 'password' | 'confirm';

/** The first administrator's name, username and password, as both first-run forms ask them. */
export function AdminFields<F extends string>({ form }: { form: FormFields<F | AdminField> }) {
  const { t } = useTranslation('setup');
  return (
    <>
      <div className="field-row">
        {form.field('displayName', { maxLength: 120, hint: t('hint.displayName') })}
        {form.field('username', {
          maxLength: 64,
          autoComplete: 'username',
          hint: t('hint.username'),
        })}
      </div>
      <div className="field-row">
        {form.field('password', {
          type: 'password',
          autoComplete: 'new-password',
          hint: t('hint.password'),
        })}
        {form.field('confirm', { type: 'password', autoComplete: 'new-password' })}
      </div>
    </>
  );
}

/** Refuses differing passwords before anything is sent; true when they match. */
export function passwordsMatch<F extends string>(
  form: FormFields<F | AdminField>,
  mismatch: string,
): boolean {
  if (form.values.password === form.values.confirm) return true;
  form.refuse('confirm', mismatch);
  return false;
}
