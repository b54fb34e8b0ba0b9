import { useEffect, useState, type RefObject } from 'react';
import type { Failure } from '../../contract';
import { ErrorNotice } from './components/error-notice';
import { TextField, type TextFieldProps } from './components/text-field';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from './field-errors';
import { fieldMessage } from './forms/field-message';

export interface FormFields<F extends string> {
  values: Record<F, string>;
  errors: Partial<Record<F, string>>;
  failure: Failure | null;
  /** Clears the last attempt's problems before a new one. */
  clear(): void;
  /** Marks one field wrong before anything is sent (e.g. passwords that differ). */
  refuse(field: F, message: string): void;
  /** Shows a failed request: its per-field messages under their fields, and the failure itself. */
  fail(failure: Failure): void;
  /** A text field bound to this form's value and error. */
  field(name: F, extra?: Partial<TextFieldProps>): React.JSX.Element;
}

/**
 * The state every form of labelled text fields keeps: values, per-field errors named by their
 * labels, the failure, and focus moved to the first field in error (inside `formRef`) after each
 * attempt.
 */
export function useFormFields<F extends string>(
  labels: Record<F, string>,
  initial: Record<F, string>,
  formRef: RefObject<HTMLFormElement | null>,
): FormFields<F> {
  const { t } = useTranslation('fields');
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const firstInvalid = (Object.keys(labels) as F[]).find((f) => errors[f]);

  useEffect(() => {
    if (firstInvalid)
      formRef.current?.querySelector<HTMLElement>(`[name="${firstInvalid}"]`)?.focus();
  }, [errors, firstInvalid, formRef]);

  return {
    values,
    errors,
    failure,
    clear: () => {
      setFailure(null);
      setErrors({});
    },
    refuse: (f, message) => setErrors({ [f]: message } as Partial<Record<F, string>>),
    fail: (result) => {
      setErrors(
        Object.fromEntries(
          Object.entries(fieldErrors(result)).map(([f, m]) => [
            f,
            fieldMessage(labels[f as F] ?? f, m, t),
          ]),
        ) as Partial<Record<F, string>>,
      );
      setFailure(result);
    },
    field: (name, extra = {}) => (
      <TextField
        name={name}
        label={labels[name]}
        value={values[name]}
        onChange={(value) => setValues((v) => ({ ...v, [name]: value }))}
        error={errors[name]}
        required
        {...extra}
      />
    ),
  };
}

/** The problems of a form's last attempt: its field errors as a list, else the failure. */
export function FormProblems<F extends string>({
  form,
  title,
}: {
  form: FormFields<F>;
  title: string;
}) {
  const messages = Object.entries(form.errors) as [string, string][];
  if (messages.length > 0) {
    return (
      <div role="alert" className="alert alert-error">
        <p className="alert-title">{title}</p>
        <ul>
          {messages.map(([f, message]) => (
            <li key={f}>{message}</li>
          ))}
        </ul>
      </div>
    );
  }
  return form.failure ? <ErrorNotice failure={form.failure} title={title} /> : null;
}
