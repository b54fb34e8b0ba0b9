import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { School } from '../../../contract';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';

/** Welcome page: names the school, or asks for its profile when there is none yet. */
export function HomePage() {
  const { t } = useTranslation('home');
  const { t: tc } = useTranslation();
  const school = useRequest('getSchool', {});
  return (
    <Page heading={t('heading')} busy={school.isFetching}>
      {school.isPending ? (
        <p role="status">{tc('loading')}</p>
      ) : school.isError ? (
        <ErrorNotice failure={failureOf(school.error)} title={t('readFailed')} />
      ) : (
        <SchoolSummary school={school.data} />
      )}
    </Page>
  );
}

function SchoolSummary({ school }: { school: School | null }) {
  const { t } = useTranslation('home');
  if (!school) {
    return (
      <div className="callout">
        <p>{t('noSchool')}</p>
        <Link to="/school" className="button">
          {t('setUpSchool')}
        </Link>
      </div>
    );
  }
  const place = [school.region, school.country].filter(Boolean).join(', ');
  return (
    <div className="callout">
      <p className="school-name">{school.name}</p>
      {place && <p className="muted">{place}</p>}
      <p>
        <Link to="/school">{t('editSchool')}</Link>
      </p>
    </div>
  );
}
