import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure, Term } from '../../../contract';
import { newTermInput } from '../../../contract/domains/records-classes';
import { ErrorNotice } from '../components/error-notice';
import { FormField } from '../components/form-field';
import { fieldMessage } from '../forms/field-message';
import { applyFieldErrors, useContractForm } from '../forms/use-contract-form';
import { ask, failureOf } from '../query/ask';

type Field = 'schoolYear' | 'name' | 'startDate' | 'endDate';

interface Props {
  /** The term to edit; a new term in `schoolYear` when absent. */
  term?: Term;
  schoolYear: string;
  onDone: (saved: Term) => void;
  onCancel?: () => void;
}

/** Adds a term or edits one (name and dates), checked by the contract's own term rules. */
export function TermForm({ term, schoolYear, onDone, onCancel }: Props) {
  const { t } = useTranslation('classes');
  const { t: tf } = useTranslation('fields');
  const [failure, setFailure] = useState<Failure | null>(null);
  const form = useContractForm(newTermInput, {
    defaultValues: {
      schoolYear: term?.schoolYear ?? schoolYear,
      name: term?.name ?? '',
      startDate: term?.startDate ?? '',
      endDate: term?.endDate ?? '',
    },
  });
  const { errors, isSubmitting } = form.formState;
  const field = {
    schoolYear: form.register('schoolYear'),
    name: form.register('name'),
    startDate: form.register('startDate'),
    endDate: form.register('endDate'),
  };
  const labels: Record<Field, string> = {
    schoolYear: t('field.schoolYear'),
    name: t('field.name'),
    startDate: t('field.startDate'),
    endDate: t('field.endDate'),
  };
  const label = (f: Field) => labels[f];
  const error = (f: Field) => {
    const message = errors[f]?.message;
    return message ? fieldMessage(label(f), message, tf) : undefined;
  };
  const prefix = term ? `term-${term.id}` : 'new-term';

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      const saved = term
        ? await ask('editTerm', {
            termId: term.id,
            name: values.name,
            startDate: values.startDate,
            endDate: values.endDate,
          })
        : await ask('createTerm', values);
      if (!term) form.reset({ ...values, name: '', startDate: '', endDate: '' });
      onDone(saved);
    } catch (err) {
      const failed = failureOf(err);
      if (!applyFieldErrors(form.setError, failed)) setFailure(failed);
    }
  });

  return (
    <form
      aria-label={term ? t('terms.editForm', { name: term.name }) : t('terms.create')}
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      {failure && <ErrorNotice failure={failure} title={t('notSaved')} />}
      <div className="field-row">
        {!term && (
          <FormField
            name={`${prefix}-schoolYear`}
            label={labels.schoolYear}
            hint={t('hint.schoolYear')}
            error={error('schoolYear')}
            required
          >
            {(p) => <input {...p} {...field.schoolYear} maxLength={9} autoComplete="off" />}
          </FormField>
        )}
        <FormField name={`${prefix}-name`} label={labels.name} error={error('name')} required>
          {(p) => <input {...p} {...field.name} maxLength={60} autoComplete="off" />}
        </FormField>
        <FormField
          name={`${prefix}-startDate`}
          label={labels.startDate}
          error={error('startDate')}
          required
        >
          {(p) => <input {...p} {...field.startDate} type="date" />}
        </FormField>
        <FormField
          name={`${prefix}-endDate`}
          label={labels.endDate}
          error={error('endDate')}
          required
        >
          {(p) => <input {...p} {...field.endDate} type="date" />}
        </FormField>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {term ? t('terms.save') : t('terms.submit')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
