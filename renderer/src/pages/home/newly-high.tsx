import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DashboardStudent } from '../../../../contract';
import { useFormat } from '../../i18n/format';

/** Students at high risk now who were lower a week ago; each opens their profile. */
export function NewlyHigh({ students }: { students: DashboardStudent[] | null }) {
  const { t } = useTranslation('home');
  const { t: tc } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="home-newly-high" className="home-block">
      <h2 id="home-newly-high">{t('newlyHigh.title')}</h2>
      {students === null ? (
        <p className="muted">{t('newlyHigh.noBaseline')}</p>
      ) : students.length === 0 ? (
        <p className="muted">{t('newlyHigh.empty')}</p>
      ) : (
        <>
          <p className="muted">{t('newlyHigh.lead')}</p>
          <ul className="student-links">
            {students.map((s) => (
              <li key={s.studentId}>
                <Link to={`/students/${s.studentId}`}>{s.name}</Link>{' '}
                <span className="muted">
                  {t('newlyHigh.facts', {
                    number: s.studentNumber,
                    className: s.className ?? tc('none'),
                  })}{' '}
                  · {t('newlyHigh.score', { percent: format.percent(s.score) })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
