import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConnectForm } from '../components/connect-form';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { useFormat } from '../i18n/format';
import { failureOf } from '../query/ask';
import { useAction, useRequest } from '../query/use-request';
import { useSession } from '../session';
import { LastSyncError } from './sync/last-sync-error';
import { SyncJob } from './sync/sync-job';

/**
 * Sync with the district's server: whether this laptop is connected, what waits, how the last
 * sync went, and Sync now with its progress; an unconnected laptop is told how to connect.
 */
export function SyncPage() {
  const { t } = useTranslation('sync');
  const { t: tc } = useTranslation();
  const { user } = useSession();
  const status = useRequest('syncStatus', {});
  const [started, setStarted] = useState<string | null>(null);
  const syncNow = useAction('syncNow', { onSuccess: ({ jobId }) => setStarted(jobId) });
  const s = status.data;
  const jobId = started ?? s?.jobId ?? null;
  return (
    <Page
      heading={t('title')}
      lead={t('lead')}
      busy={status.isFetching}
      actions={
        <>
          <button type="button" onClick={() => void status.refetch()}>
            {tc('refresh')}
          </button>
          {s?.connected && (
            <button
              type="button"
              className="primary"
              disabled={syncNow.isPending || jobId !== null}
              onClick={() => syncNow.mutate({})}
            >
              {t('syncNow')}
            </button>
          )}
        </>
      }
    >
      {status.isError && <ErrorNotice failure={failureOf(status.error)} title={t('failed')} />}
      {syncNow.isError && <ErrorNotice failure={syncNow.error.failure} title={t('syncFailed')} />}
      {jobId && (
        <SyncJob
          key={jobId}
          jobId={jobId}
          onFinished={() => {
            setStarted(null);
            void status.refetch();
          }}
        />
      )}
      {s && !s.connected && (
        <section aria-labelledby="sync-state">
          <h2 id="sync-state">{t('notConnected')}</h2>
          <p>{t('notConnectedBody')}</p>
          <p>{t('pending', { count: s.pending })}</p>
          {user.role === 'admin' && <SchoolConnectForm onConnected={() => void status.refetch()} />}
        </section>
      )}
      {s?.connected && (
        <section aria-label={t('title')}>
          <p>{t('connected', { host: s.host ?? '', code: s.schoolCode ?? '' })}</p>
          <p>{t('pending', { count: s.pending })}</p>
          <LastSync at={s.lastSuccessAt} />
          {s.lastError && <LastSyncError error={s.lastError} />}
          {s.openConflicts > 0 && (
            <p>
              {t('conflicts', { count: s.openConflicts })}{' '}
              <Link to="/conflicts">{t('seeConflicts')}</Link>
            </p>
          )}
          {s.districtModels.count > 0 && (
            <DistrictModels count={s.districtModels.count} at={s.districtModels.lastAt} />
          )}
        </section>
      )}
    </Page>
  );
}

/** The school's connection file and code, as `beacon sync --connect` takes them. */
function SchoolConnectForm({ onConnected }: { onConnected: () => void }) {
  const { t } = useTranslation('sync');
  const connect = useAction('connectSync', { onSuccess: () => onConnected() });
  return (
    <ConnectForm
      words="sync"
      cliCommand="beacon sync --connect FILE --code ENROLMENT-CODE"
      action={connect}
      done={
        connect.data
          ? t('connect.done', { host: connect.data.host, code: connect.data.schoolCode })
          : ''
      }
    />
  );
}

function LastSync({ at }: { at: string | null }) {
  const { t } = useTranslation('sync');
  const format = useFormat();
  return <p>{at ? t('lastSuccess', { date: format.dateTime(at) }) : t('never')}</p>;
}

/** How many models the district trained for the school reached this laptop, and the latest's date. */
function DistrictModels({ count, at }: { count: number; at: string | null }) {
  const { t } = useTranslation('sync');
  const format = useFormat();
  return (
    <p>
      {t('districtModels', { count, date: at ? format.dateTime(at) : '' })}{' '}
      <Link to="/models">{t('seeModels')}</Link>
    </p>
  );
}
