import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/error-notice';
import { failureOf } from '../query/ask';
import { useAction } from '../query/use-request';

/** A new assessment (subject, name, maximum) for the class and term on screen. */
export function AddAssessment({ classId, termId }: { classId: string; termId: string | null }) {
  const { t } = useTranslation('marks');
  const [subject, setSubject] = useState('');
  const [name, setName] = useState('');
  const [max, setMax] = useState('20');
  const create = useAction('createAssessment');
  const ids = { subject: useId(), name: useId(), max: useId() };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { classId, termId, subject, name, maxScore: Number(max.replace(',', '.')) },
      {
        onSuccess: () => {
          setName('');
        },
      },
    );
  };
  return (
    <form className="add-assessment" onSubmit={submit} aria-label={t('add.title')}>
      <div className="field">
        <label htmlFor={ids.subject}>{t('add.subject')}</label>
        <input
          id={ids.subject}
          required
          maxLength={80}
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.name}>{t('add.name')}</label>
        <input
          id={ids.name}
          required
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.max}>{t('add.max')}</label>
        <input
          id={ids.max}
          required
          inputMode="decimal"
          size={6}
          value={max}
          onChange={(e) => setMax(e.target.value)}
        />
      </div>
      <button type="submit" disabled={create.isPending}>
        {t('add.submit')}
      </button>
      {create.isError && <ErrorNotice failure={failureOf(create.error)} title={t('add.failed')} />}
    </form>
  );
}
