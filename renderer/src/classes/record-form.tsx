import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldValues, UseFormRegisterReturn, UseFormSetError } from 'react-hook-form';
import type { Failure } from '../../../contract';
import { ErrorNotice } from '../components/error-notice';
import { FormField, type ControlProps } from '../components/form-field';
import { fieldMessage } from '../forms/field-message';
import { applyFieldErrors } from '../forms/use-contract-form';
import { failureOf } from '../query/ask';

/** One labelled control of a record form. */
export interface RecordField {
  /** The form's field name: errors are looked up by it, and the control's id is made from it. */
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  render: (control: ControlProps) => ReactNode;
}

interface Props {
  ariaLabel: string;
  /** Makes the controls' ids unique on a page that shows several of these forms. */
  idPrefix: string;
  failure: Failure | null;
  /** react-hook-form's errors: messages in the contract's words, put into the user's here. */
  errors: Partial<Record<string, { message?: string | undefined } | undefined>>;
  fields: RecordField[];
  submitLabel: string;
  submitting: boolean;
  onSubmit: (e: FormEvent) => void;
  onCancel?: (() => void) | undefined;
}

/**
 * The frame of the class and term forms (new or edited in place): the refusal that names no
 * field above, a row of fields with their errors in the user's language, Save and Cancel.
 */
export function RecordForm(props: Props) {
  const { t } = useTranslation('classes');
  const { t: tf } = useTranslation('fields');
  return (
    <form aria-label={props.ariaLabel} noValidate onSubmit={props.onSubmit}>
      {props.failure && <ErrorNotice failure={props.failure} title={t('notSaved')} />}
      <div className="field-row">
        {props.fields.map((f) => {
          const message = props.errors[f.name]?.message;
          return (
            <FormField
              key={f.name}
              name={`${props.idPrefix}-${f.name}`}
              label={f.label}
              hint={f.hint}
              error={message ? fieldMessage(f.label, message, tf) : undefined}
              required={f.required}
            >
              {f.render}
            </FormField>
          );
        })}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={props.submitting}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/**
 * The school year (asked only of a new record: an edit keeps its year) and the name, which
 * classes and terms both have.
 */
export function useYearAndName(
  isNew: boolean,
  schoolYear: UseFormRegisterReturn,
  name: UseFormRegisterReturn,
): RecordField[] {
  const { t } = useTranslation('classes');
  const year: RecordField = {
    name: 'schoolYear',
    label: t('field.schoolYear'),
    hint: t('hint.schoolYear'),
    required: true,
    render: (p) => <input {...p} {...schoolYear} maxLength={9} autoComplete="off" />,
  };
  const named: RecordField = {
    name: 'name',
    label: t('field.name'),
    required: true,
    render: (p) => <input {...p} {...name} maxLength={60} autoComplete="off" />,
  };
  return isNew ? [year, named] : [named];
}

/**
 * Runs a save; a refusal goes under the fields it names, or above the form when it names none.
 */
export function useSave() {
  const [failure, setFailure] = useState<Failure | null>(null);
  const save = async <T extends FieldValues>(
    setError: UseFormSetError<T>,
    work: () => Promise<void>,
  ) => {
    setFailure(null);
    try {
      await work();
    } catch (err) {
      const failed = failureOf(err);
      if (!applyFieldErrors(setError, failed)) setFailure(failed);
    }
  };
  return { failure, save };
}
