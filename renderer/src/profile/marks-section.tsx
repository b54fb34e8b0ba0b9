import { useTranslation } from 'react-i18next';
import type { SubjectAverage } from '../../../contract';
import { useFormat } from '../i18n/format';

/**
 * Marks by term and subject: a bar per average (the bar only repeats the number beside it),
 * laid out as a table so the chart is its own text alternative.
 */
export function MarksSection({ marks }: { marks: readonly SubjectAverage[] }) {
  const { t, i18n } = useTranslation('profile');
  const format = useFormat();
  // Terms keep their names from year to year ("Term 1"): the month they began tells them apart.
  const monthYear = new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric' });
  const month = (iso: string) => monthYear.format(new Date(`${iso.slice(0, 10)}T12:00:00`));
  return (
    <section className="profile-section" aria-labelledby="profile-marks">
      <h2 id="profile-marks">{t('marks')}</h2>
      {marks.length === 0 ? (
        <p className="muted">{t('noMarks')}</p>
      ) : (
        <table className="profile-table marks-chart">
          <caption>{t('marksLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('term')}</th>
              <th scope="col">{t('subject')}</th>
              <th scope="col">{t('average')}</th>
              <th scope="col" className="number">
                {t('assessments')}
              </th>
            </tr>
          </thead>
          <tbody>
            {marks.map((m) => (
              <tr key={`${m.termId ?? '-'}:${m.subject}`}>
                <td>
                  {m.termName === null
                    ? t('noTerm')
                    : m.termStart === null
                      ? m.termName
                      : t('termFrom', { term: m.termName, month: month(m.termStart) })}
                </td>
                <th scope="row">{m.subject}</th>
                <td>
                  <span className="bar-track" aria-hidden="true">
                    <span
                      className="bar-fill"
                      style={{ width: `${Math.round(m.average * 100)}%` }}
                    />
                  </span>
                  {format.percent(m.average)}
                </td>
                <td className="number">{format.number(m.assessments)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
