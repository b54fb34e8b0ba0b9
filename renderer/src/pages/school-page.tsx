import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { SchoolForm } from '../components/school-form';
import { failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';

/** The school profile form, filled in from the saved profile once it has loaded. */
export function SchoolPage() {
  const { t } = useTranslation('school');
  const { t: tc } = useTranslation();
  const school = useRequest('getSchool', {});
  return (
    <Page heading={t('title')} lead={t('lead')}>
      {school.isPending ? (
        <p role="status">{tc('loading')}</p>
      ) : school.isError ? (
        <ErrorNotice failure={failureOf(school.error)} title={t('readFailed')} />
      ) : (
        <SchoolForm school={school.data} />
      )}
    </Page>
  );
}
