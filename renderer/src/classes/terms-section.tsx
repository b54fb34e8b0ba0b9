import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Term } from '../../../contract';
import { useFormat } from '../i18n/format';
import { TermForm } from './term-form';

interface Props {
  terms: Term[];
  schoolYear: string;
  onSaved: (message: string) => void;
}

/** The school year's terms with their dates, each editable in place, and a form for a new one. */
export function TermsSection({ terms, schoolYear, onSaved }: Props) {
  const { t } = useTranslation('classes');
  const { date } = useFormat();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section aria-labelledby="terms-heading">
      <h2 id="terms-heading">{t('terms.heading')}</h2>
      {terms.length === 0 ? (
        <p>{t('terms.none')}</p>
      ) : (
        <table>
          <caption>{t('terms.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('field.startDate')}</th>
              <th scope="col">{t('field.endDate')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {terms.map((term) => (
              <tr key={term.id}>
                <th scope="row">{term.name}</th>
                <td>{date(term.startDate)}</td>
                <td>{date(term.endDate)}</td>
                <td>
                  <button
                    type="button"
                    aria-label={t('editNamed', { name: term.name })}
                    onClick={() => setEditing(term.id)}
                  >
                    {t('edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {terms
        .filter((term) => term.id === editing)
        .map((term) => (
          <TermForm
            key={term.id}
            term={term}
            schoolYear={schoolYear}
            onCancel={() => setEditing(null)}
            onDone={(saved) => {
              setEditing(null);
              onSaved(t('saved', { name: saved.name }));
            }}
          />
        ))}
      <h3>{t('terms.create')}</h3>
      <TermForm
        key={schoolYear}
        schoolYear={schoolYear}
        onDone={(saved) => onSaved(t('saved', { name: saved.name }))}
      />
    </section>
  );
}
