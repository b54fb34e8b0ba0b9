import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { backupSettingsInput, type BackupSettingsView } from '../../../../contract/domains/backups';
import { ErrorNotice } from '../../components/error-notice';
import { FormField } from '../../components/form-field';
import { useUnsavedChangesGuard } from '../../components/use-unsaved-changes-guard';
import { fieldMessage } from '../../forms/field-message';
import { applyFieldErrors, useContractForm } from '../../forms/use-contract-form';
import { useAction } from '../../query/use-request';

// An empty folder box means the default folder, which the contract spells null.
const folderValue = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

const countFields = ['everyHours', 'keep'] as const;

/** How often backups are made, how many are kept and where, checked by the contract's schema. */
export function BackupSchedule({ current }: { current: BackupSettingsView }) {
  const { t } = useTranslation('backups');
  const { t: tf } = useTranslation('fields');
  const [saved, setSaved] = useState(false);
  const form = useContractForm(backupSettingsInput, {
    defaultValues: { everyHours: current.everyHours, keep: current.keep, folder: current.folder },
  });
  const save = useAction('saveBackupSettings', {
    onSuccess: (view) => {
      setSaved(true);
      form.reset({ everyHours: view.everyHours, keep: view.keep, folder: view.folder });
    },
  });
  const guard = useUnsavedChangesGuard(form.formState.isDirty);
  const labels = {
    everyHours: t('settings.everyHours'),
    keep: t('settings.keep'),
    folder: t('settings.folder'),
  };
  const message = (field: keyof typeof labels) => {
    const error = form.formState.errors[field]?.message;
    return error && fieldMessage(labels[field], error, tf);
  };
  return (
    <section aria-labelledby="backups-schedule">
      <h2 id="backups-schedule">{t('settings.title')}</h2>
      {guard}
      <form
        noValidate
        aria-labelledby="backups-schedule"
        onSubmit={form.handleSubmit((values) => {
          setSaved(false);
          save.mutate(values, { onError: (e) => applyFieldErrors(form.setError, e.failure) });
        })}
      >
        {save.isError && (
          <ErrorNotice failure={save.error.failure} title={t('settings.failed')} labels={labels} />
        )}
        {countFields.map((field) => (
          <FormField
            key={field}
            name={field}
            label={labels[field]}
            hint={t(`settings.${field}Hint`)}
            error={message(field)}
            required
          >
            {(p) => (
              <input
                {...p}
                type="number"
                min={1}
                {...form.register(field, { valueAsNumber: true })}
              />
            )}
          </FormField>
        ))}
        <FormField
          name="folder"
          label={labels.folder}
          hint={t('settings.folderHint')}
          error={message('folder')}
        >
          {(p) => (
            <input
              {...p}
              type="text"
              spellCheck={false}
              autoComplete="off"
              {...form.register('folder', { setValueAs: folderValue })}
            />
          )}
        </FormField>
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t('settings.save')}
          </button>
          <p role="status">{saved ? t('settings.saved') : ''}</p>
        </div>
      </form>
    </section>
  );
}
