import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { Failure, User } from '../../../contract';
import { newPassword } from '../../../contract/domains/auth';
import { ErrorNotice } from '../components/error-notice';
import { FormField } from '../components/form-field';
import { fieldMessage } from '../forms/field-message';
import { applyFieldErrors, useContractForm } from '../forms/use-contract-form';
import { ask, failureOf } from '../query/ask';

const MISMATCH = 'mismatch';

/** The contract's password rule, typed twice. */
const schema = z
  .object({ newPassword, confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { message: MISMATCH, path: ['confirm'] });

/** An administrator sets a new password for `user` (which also lifts a lockout). */
export function ResetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation('users');
  const { t: tf } = useTranslation('fields');
  const [failure, setFailure] = useState<Failure | null>(null);
  const form = useContractForm(schema, { defaultValues: { newPassword: '', confirm: '' } });
  const { errors, isSubmitting } = form.formState;
  const field = {
    newPassword: form.register('newPassword'),
    confirm: form.register('confirm'),
  };
  const labels = { newPassword: t('field.newPassword'), confirm: t('field.confirm') };
  const error = (field: 'newPassword' | 'confirm') => {
    const message = errors[field]?.message;
    if (!message) return undefined;
    return message === MISMATCH ? t('mismatch') : fieldMessage(labels[field], message, tf);
  };

  const submit = form.handleSubmit(async ({ newPassword: password }) => {
    setFailure(null);
    try {
      await ask('resetPassword', { id: user.id, newPassword: password });
      onDone();
    } catch (err) {
      const failed = failureOf(err);
      if (!applyFieldErrors(form.setError, failed)) setFailure(failed);
    }
  });

  return (
    <form
      aria-label={t('edit.resetForm', { name: user.displayName })}
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      {failure && <ErrorNotice failure={failure} title={t('edit.failed')} labels={labels} />}
      <div className="field-row">
        <FormField
          name="reset-newPassword"
          label={labels.newPassword}
          hint={t('hint.password')}
          error={error('newPassword')}
          required
        >
          {(p) => (
            <input {...p} {...field.newPassword} type="password" autoComplete="new-password" />
          )}
        </FormField>
        <FormField name="reset-confirm" label={labels.confirm} error={error('confirm')} required>
          {(p) => <input {...p} {...field.confirm} type="password" autoComplete="new-password" />}
        </FormField>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {t('edit.reset')}
        </button>
      </div>
    </form>
  );
}
