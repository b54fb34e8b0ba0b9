import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/error-notice';
import { HealthHistory } from '../components/health-history';
import { HealthTables } from '../components/health-tables';
import { Page } from '../components/page';
import { failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';

/** What the backend reports about itself; refreshes by hand and whenever data changes. */
export function HealthPage() {
  const { t } = useTranslation('health');
  const { t: tc } = useTranslation();
  const health = useRequest('health', {});
  return (
    <Page
      heading={t('title')}
      busy={health.isFetching}
      actions={
        <button type="button" onClick={() => void health.refetch()}>
          {tc('refresh')}
        </button>
      }
    >
      <p role="status" className="muted">
        {health.isFetching ? t('checking') : ''}
      </p>
      {health.data && <HealthTables health={health.data} />}
      {health.data && <HealthHistory history={health.data.history} />}
      {health.isError && <ErrorNotice failure={failureOf(health.error)} title={t('failed')} />}
    </Page>
  );
}
