import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/error-notice';
import { FormField } from '../../components/form-field';
import { fieldMessage } from '../../forms/field-message';
import { applyFieldErrors, useContractForm } from '../../forms/use-contract-form';
import { riskSettingsInput } from '../../../../contract/domains/risk';
import { useAction } from '../../query/use-request';

/** How often the model is retrained, validated by the contract's own schema. */
export function RetrainSchedule({ everyDays }: { everyDays: number }) {
  const { t } = useTranslation('models');
  const { t: tf } = useTranslation('fields');
  const [saved, setSaved] = useState(false);
  const form = useContractForm(riskSettingsInput, {
    defaultValues: { retrainEveryDays: everyDays },
  });
  const save = useAction('saveRiskSettings', { onSuccess: () => setSaved(true) });
  const label = t('schedule.every');
  const error = form.formState.errors.retrainEveryDays?.message;
  return (
    <section aria-labelledby="models-schedule">
      <h2 id="models-schedule">{t('schedule.title')}</h2>
      <form
        noValidate
        aria-labelledby="models-schedule"
        onSubmit={form.handleSubmit((values) => {
          setSaved(false);
          save.mutate(
            { retrainEveryDays: values.retrainEveryDays },
            { onError: (e) => applyFieldErrors(form.setError, e.failure) },
          );
        })}
      >
        {save.isError && (
          <ErrorNotice
            failure={save.error.failure}
            title={t('schedule.failed')}
            labels={{ retrainEveryDays: label }}
          />
        )}
        <FormField
          name="retrainEveryDays"
          label={label}
          hint={t('schedule.hint')}
          error={error && fieldMessage(label, error, tf)}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={365}
              {...form.register('retrainEveryDays', { valueAsNumber: true })}
            />
          )}
        </FormField>
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t('schedule.save')}
          </button>
          <p role="status">{saved ? t('schedule.saved') : ''}</p>
        </div>
      </form>
    </section>
  );
}
