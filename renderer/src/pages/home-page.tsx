import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { School } from '../../../contract';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';
import { useSession } from '../session';
import { ClassesToday } from './home/classes-today';
import { HomeFigures } from './home/home-figures';
import { NewlyHigh } from './home/newly-high';
import { TierSummary } from './home/tier-summary';

/**
 * The home page: the school (or, for a teacher, their classes) in figures computed by the
 * backend, each linking to the list behind it, and today's registers still to take.
 */
export function HomePage() {
  const { t } = useTranslation('home');
  const { t: tc } = useTranslation();
  const { user } = useSession();
  const school = useRequest('getSchool', {});
  const dashboard = useRequest('dashboard', {});
  const leader = user.role !== 'teacher';
  return (
    <Page heading={t('heading')} busy={school.isFetching || dashboard.isFetching}>
      {school.isPending ? (
        <p role="status">{tc('loading')}</p>
      ) : school.isError ? (
        <ErrorNotice failure={failureOf(school.error)} title={t('readFailed')} />
      ) : (
        <SchoolSummary school={school.data} leader={leader} />
      )}
      {dashboard.isError && (
        <ErrorNotice failure={failureOf(dashboard.error)} title={t('figuresFailed')} />
      )}
      {dashboard.data && (
        <>
          <ClassesToday classes={dashboard.data.classesToday} today={dashboard.data.today} />
          {dashboard.data.scope === 'classes' && <p className="muted">{t('scopeClasses')}</p>}
          {dashboard.data.scored === 0 ? (
            <p className="muted">{t('tiers.noScores')}</p>
          ) : (
            <TierSummary tiers={dashboard.data.tiers} />
          )}
          <NewlyHigh students={dashboard.data.newlyHigh} />
          <HomeFigures dashboard={dashboard.data} leader={leader} />
        </>
      )}
    </Page>
  );
}

function SchoolSummary({ school, leader }: { school: School | null; leader: boolean }) {
  const { t } = useTranslation('home');
  if (!school) {
    return (
      <div className="callout">
        <p>{t('noSchool')}</p>
        {leader && (
          <Link to="/school" className="button">
            {t('setUpSchool')}
          </Link>
        )}
      </div>
    );
  }
  const place = [school.region, school.country].filter(Boolean).join(', ');
  return (
    <div className="school-summary">
      <p className="school-name">{school.name}</p>
      {place && <p className="muted">{place}</p>}
      {leader && (
        <p>
          <Link to="/school">{t('editSchool')}</Link>
        </p>
      )}
    </div>
  );
}
