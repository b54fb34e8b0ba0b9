import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../../contract';
import { fieldErrors } from '../field-errors';
import { fieldMessage } from '../forms/field-message';
import { errors } from '../i18n/catalogs/errors';
import { isLanguage } from '../i18n/languages';

interface Props {
  failure: Failure;
  /** What did not happen, e.g. "The profile was not saved". */
  title: ReactNode;
  /** The form's labels by field name, so a field's problem names it as the form does. */
  labels?: Readonly<Record<string, string>>;
}

/**
 * A failed request, in the user's language: what went wrong and what to do (from its code),
 * then the fields it names. The backend's own sentence follows in English, marked as such,
 * because it often names the row or the rule.
 */
export function ErrorNotice({ failure, title, labels = {} }: Props) {
  const { t, i18n } = useTranslation();
  const { t: tf } = useTranslation('fields');
  const language = isLanguage(i18n.language) ? i18n.language : 'en';
  const text = errors[language][failure.code];
  const fields = Object.entries(fieldErrors(failure));
  return (
    <div role="alert" className="alert alert-error">
      <p className="alert-title">{title}</p>
      <p>{text.message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map(([field, message]) => (
            <li key={field}>{fieldMessage(labels[field] ?? field, message, tf)}</li>
          ))}
        </ul>
      )}
      <p>{text.action}</p>
      {fields.length === 0 && failure.message !== text.message && (
        <p className="alert-detail" lang="en">
          {failure.message}
        </p>
      )}
      <p className="alert-code">{t('error.code', { code: failure.code })}</p>
    </div>
  );
}
