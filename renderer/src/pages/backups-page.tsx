import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { failureOf } from '../query/ask';
import { useAction, useRequest } from '../query/use-request';
import { BackupList } from './backups/backup-list';
import { BackupSchedule } from './backups/backup-schedule';

/** Backups for administrators: the files, a backup now, restoring one, and the schedule. */
export function BackupsPage() {
  const { t } = useTranslation('backups');
  const list = useRequest('listBackups', {});
  const settings = useRequest('getBackupSettings', {});
  const backUp = useAction('backupNow', { onSuccess: () => void list.refetch() });
  return (
    <Page
      heading={t('title')}
      lead={t('lead')}
      busy={list.isFetching}
      actions={
        <button
          type="button"
          className="primary"
          disabled={backUp.isPending}
          onClick={() => backUp.mutate({})}
        >
          {backUp.isPending ? t('backingUp') : t('backUpNow')}
        </button>
      }
    >
      <p role="status">{backUp.data ? t('made', { name: backUp.data.name }) : ''}</p>
      {backUp.isError && <ErrorNotice failure={backUp.error.failure} title={t('backupFailed')} />}
      {list.isError && <ErrorNotice failure={failureOf(list.error)} title={t('listFailed')} />}
      {list.data && <BackupList list={list.data} onRestored={() => void list.refetch()} />}
      {settings.isError && (
        <ErrorNotice failure={failureOf(settings.error)} title={t('settings.failed')} />
      )}
      {settings.data && <BackupSchedule current={settings.data} />}
    </Page>
  );
}
