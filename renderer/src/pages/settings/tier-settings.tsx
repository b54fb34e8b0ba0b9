import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { riskSettingsInput } from '../../../../contract/domains/risk';
import type { RiskSettingsView } from '../../../../contract';
import { ErrorNotice } from '../../components/error-notice';
import { FormField } from '../../components/form-field';
import { useUnsavedChangesGuard } from '../../components/use-unsaved-changes-guard';
import { fieldMessage } from '../../forms/field-message';
import { applyFieldErrors } from '../../forms/use-contract-form';
import { useFormat } from '../../i18n/format';
import { useAction } from '../../query/use-request';

type Percent = 'highShare' | 'mediumShare' | 'highFloor' | 'mediumFloor';
const percents: Percent[] = ['highShare', 'mediumShare', 'highFloor', 'mediumFloor'];
type Values = Record<Percent, number> & { protectedInputs: boolean };

const toPercent = (share: number) => Math.round(share * 1000) / 10;

/**
 * Tier shares and floors as percentages, and the protected-inputs switch. What is sent is
 * checked first with the contract's own schema (the backend checks it again).
 */
export function TierSettings({
  current,
  canEdit,
}: {
  current: RiskSettingsView;
  canEdit: boolean;
}) {
  const { t } = useTranslation('settings');
  const { t: tf } = useTranslation('fields');
  const format = useFormat();
  const [saved, setSaved] = useState(false);
  const form = useForm<Values>({
    defaultValues: {
      highShare: toPercent(current.highShare),
      mediumShare: toPercent(current.mediumShare),
      highFloor: toPercent(current.highFloor),
      mediumFloor: toPercent(current.mediumFloor),
      protectedInputs: current.protectedInputs,
    },
  });
  const save = useAction('saveRiskSettings', {
    onSuccess: (next) => {
      setSaved(true);
      // What was saved is the new starting point: leaving now loses nothing.
      form.reset({
        highShare: toPercent(next.highShare),
        mediumShare: toPercent(next.mediumShare),
        highFloor: toPercent(next.highFloor),
        mediumFloor: toPercent(next.mediumFloor),
        protectedInputs: next.protectedInputs,
      });
    },
  });
  const leaveGuard = useUnsavedChangesGuard(form.formState.isDirty);
  const labels: Record<Percent, string> = {
    highShare: t('tiers.highShare'),
    mediumShare: t('tiers.mediumShare'),
    highFloor: t('tiers.highFloor'),
    mediumFloor: t('tiers.mediumFloor'),
  };

  const submit = form.handleSubmit((values) => {
    setSaved(false);
    const input = {
      highShare: values.highShare / 100,
      mediumShare: values.mediumShare / 100,
      highFloor: values.highFloor / 100,
      mediumFloor: values.mediumFloor / 100,
      protectedInputs: values.protectedInputs,
    };
    const checked = riskSettingsInput.safeParse(input);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const field = issue.path[0];
        if (typeof field === 'string' && percents.includes(field as Percent)) {
          // The schema speaks in shares (0 to 1); the form in percentages (0 to 100).
          const message = issue.code === 'too_big' ? 'must be at most 100' : 'must be at least 0';
          form.setError(field as Percent, { type: 'schema', message });
        } else if (issue.message.startsWith('highShare')) {
          form.setError('mediumShare', { type: 'schema', message: t('tiers.sharesTooLarge') });
        } else {
          form.setError('mediumFloor', { type: 'schema', message: t('tiers.floorsOrder') });
        }
      }
      return;
    }
    save.mutate(input, { onError: (e) => applyFieldErrors(form.setError, e.failure) });
  });

  const errorOf = (field: Percent) => {
    const message = form.formState.errors[field]?.message;
    if (!message) return undefined;
    // Our own sentences are complete; the schema's rules are worded per field.
    return message === t('tiers.sharesTooLarge') || message === t('tiers.floorsOrder')
      ? message
      : fieldMessage(labels[field], message, tf);
  };

  return (
    <section aria-labelledby="settings-tiers">
      {leaveGuard}
      <h2 id="settings-tiers">{t('tiers.title')}</h2>
      <p className="muted">{t('tiers.lead')}</p>
      {current.cutoffs && (
        <p>
          {t('tiers.cutoffs', {
            high: format.percent(current.cutoffs.high, 1),
            medium: format.percent(current.cutoffs.medium, 1),
          })}
        </p>
      )}
      {!canEdit && <p className="muted">{t('tiers.readOnly')}</p>}
      <form noValidate aria-labelledby="settings-tiers" onSubmit={(e) => void submit(e)}>
        {save.isError && (
          <ErrorNotice failure={save.error.failure} title={t('tiers.failed')} labels={labels} />
        )}
        <fieldset disabled={!canEdit} className="plain-fieldset">
          <div className="field-row">
            {percents.map((field) => (
              <FormField key={field} name={field} label={labels[field]} error={errorOf(field)}>
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    min={0}
                    max={100}
                    step={0.1}
                    {...form.register(field, { valueAsNumber: true })}
                  />
                )}
              </FormField>
            ))}
          </div>
          <div className="choice">
            <input
              id="field-protectedInputs"
              type="checkbox"
              aria-describedby="field-protectedInputs-hint"
              {...form.register('protectedInputs')}
            />
            <div>
              <label htmlFor="field-protectedInputs">{t('tiers.protectedInputs')}</label>
              <p id="field-protectedInputs-hint" className="hint">
                {t('tiers.protectedHint')}
              </p>
            </div>
          </div>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={save.isPending}>
              {t('tiers.save')}
            </button>
            <p role="status">{saved ? t('tiers.saved') : ''}</p>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
