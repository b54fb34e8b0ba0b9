import type { FormFields } from '../use-form-fields';

type AdminField = 'displayName' | 'username' | 'password' | 'confirm';

/** The first administrator's name, username and password, as both first-run forms ask them. */
export function AdminFields<F extends string>({ form }: { form: FormFields<F | AdminField> }) {
  return (
    <>
      <div className="field-row">
        {form.field('displayName', { maxLength: 120, hint: 'As colleagues will see it.' })}
        {form.field('username', {
          maxLength: 64,
          autoComplete: 'username',
          hint: 'You sign in with it: letters, digits, dots, hyphens or underscores.',
        })}
      </div>
      <div className="field-row">
        {form.field('password', {
          type: 'password',
          autoComplete: 'new-password',
          hint: 'At least 10 characters.',
        })}
        {form.field('confirm', { type: 'password', autoComplete: 'new-password' })}
      </div>
    </>
  );
}

/** Refuses differing passwords before anything is sent; true when they match. */
export function passwordsMatch<F extends string>(form: FormFields<F | AdminField>): boolean {
  if (form.values.password === form.values.confirm) return true;
  form.refuse('confirm', 'Confirm password does not match the password.');
  return false;
}
