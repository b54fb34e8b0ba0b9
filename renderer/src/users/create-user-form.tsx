import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { Failure } from '../../../contract';
import { createUserInput } from '../../../contract/domains/auth';
import { roles } from '../../../contract/spec';
import { ErrorNotice } from '../components/error-notice';
import { FormField } from '../components/form-field';
import { fieldMessage } from '../forms/field-message';
import { applyFieldErrors, useContractForm } from '../forms/use-contract-form';
import { ask, failureOf } from '../query/ask';

/** The marker the schema gives a confirmation that differs; the form words it. */
const MISMATCH = 'mismatch';

/** The contract's own rules for a new account, plus a confirmation typed twice. */
const schema = createUserInput
  .extend({ confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: MISMATCH, path: ['confirm'] });

type Field = 'displayName' | 'username' | 'role' | 'password' | 'confirm';

/** Creates an account, validated as the backend validates it before anything is sent. */
export function CreateUserForm() {
  const { t } = useTranslation('users');
  const { t: tc } = useTranslation();
  const { t: tf } = useTranslation('fields');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const form = useContractForm(schema, {
    defaultValues: { displayName: '', username: '', role: 'teacher', password: '', confirm: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const field = {
    displayName: form.register('displayName'),
    username: form.register('username'),
    role: form.register('role'),
    password: form.register('password'),
    confirm: form.register('confirm'),
  };
  const labels: Record<Field, string> = {
    displayName: t('field.displayName'),
    username: t('field.username'),
    role: t('field.role'),
    password: t('field.password'),
    confirm: t('field.confirm'),
  };
  const error = (field: Field) => {
    const message = errors[field]?.message;
    if (!message) return undefined;
    return message === MISMATCH ? t('mismatch') : fieldMessage(labels[field], message, tf);
  };

  const submit = form.handleSubmit(async ({ confirm: _confirm, ...account }) => {
    setFailure(null);
    setCreated(null);
    try {
      const user = await ask('createUser', account);
      setCreated(user.username);
      form.reset();
    } catch (err) {
      const failed = failureOf(err);
      if (!applyFieldErrors(form.setError, failed)) setFailure(failed);
    }
  });

  return (
    <form aria-label={t('create.form')} noValidate onSubmit={(e) => void submit(e)}>
      {failure && <ErrorNotice failure={failure} title={t('create.failed')} labels={labels} />}
      <p className="hint">{tc('required')}</p>
      <div className="field-row">
        <FormField
          name="new-displayName"
          label={labels.displayName}
          error={error('displayName')}
          required
        >
          {(p) => <input {...p} {...field.displayName} maxLength={120} autoComplete="off" />}
        </FormField>
        <FormField
          name="new-username"
          label={labels.username}
          hint={t('hint.username')}
          error={error('username')}
          required
        >
          {(p) => (
            <input
              {...p}
              {...field.username}
              maxLength={64}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </FormField>
        <FormField name="new-role" label={labels.role} error={error('role')} required>
          {(p) => (
            <select {...p} {...field.role}>
              {roles.map((role) => (
                <option key={role} value={role}>
                  {tc(`role.${role}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <div className="field-row">
        <FormField
          name="new-password"
          label={labels.password}
          hint={t('hint.password')}
          error={error('password')}
          required
        >
          {(p) => <input {...p} {...field.password} type="password" autoComplete="new-password" />}
        </FormField>
        <FormField name="new-confirm" label={labels.confirm} error={error('confirm')} required>
          {(p) => <input {...p} {...field.confirm} type="password" autoComplete="new-password" />}
        </FormField>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {isSubmitting ? t('create.creating') : t('create.submit')}
        </button>
        <p role="status">{created ? t('create.created', { username: created }) : ''}</p>
      </div>
    </form>
  );
}
