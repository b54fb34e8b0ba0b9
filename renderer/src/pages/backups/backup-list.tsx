import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo, BackupList as List } from '../../../../contract/domains/backups';
import { ErrorNotice } from '../../components/error-notice';
import { useFormat } from '../../i18n/format';
import { useAction } from '../../query/use-request';

interface Props {
  list: List;
  onRestored: () => void;
}

/** The backup files, newest first; restoring one asks first and says how to undo it. */
export function BackupList({ list, onRestored }: Props) {
  const { t } = useTranslation('backups');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const [asking, setAsking] = useState<BackupInfo | null>(null);
  const restore = useAction('restoreBackup', {
    onSuccess: () => {
      setAsking(null);
      onRestored();
    },
  });
  return (
    <section aria-labelledby="backups-list">
      <h2 id="backups-list">{t('list')}</h2>
      <p className="muted">{t('folder', { folder: list.folder })}</p>
      <p role="status">
        {restore.data ? t('restored', { name: restore.data.keptAside.name }) : ''}
      </p>
      {restore.isError && (
        <ErrorNotice failure={restore.error.failure} title={t('restoreFailed')} />
      )}
      {asking && (
        <div role="alertdialog" aria-labelledby="backups-confirm" className="alert">
          <p id="backups-confirm" className="alert-title">
            {t('confirmTitle', { date: format.dateTime(asking.createdAt) })}
          </p>
          <p>{t('confirmBody')}</p>
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              disabled={restore.isPending}
              onClick={() => restore.mutate({ path: asking.path })}
            >
              {restore.isPending ? t('restoring') : t('confirm')}
            </button>
            <button type="button" onClick={() => setAsking(null)}>
              {tc('cancel')}
            </button>
          </div>
        </div>
      )}
      {list.backups.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <table className="data-table">
          <caption>{t('list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.createdAt')}</th>
              <th scope="col">{t('col.reason')}</th>
              <th scope="col">{t('col.size')}</th>
              <th scope="col">{t('col.encrypted')}</th>
              <th scope="col">{t('col.action')}</th>
            </tr>
          </thead>
          <tbody>
            {list.backups.map((b) => (
              <tr key={b.path}>
                <td>{format.dateTime(b.createdAt)}</td>
                <td>{t(`reason.${b.reason}`)}</td>
                <td>{t('megabytes', { value: format.number(b.sizeBytes / 1_000_000, 1) })}</td>
                <td>{b.encrypted ? tc('yes') : tc('no')}</td>
                <td>
                  <button
                    type="button"
                    aria-label={t('restoreLabel', { date: format.dateTime(b.createdAt) })}
                    onClick={() => {
                      restore.reset();
                      setAsking(b);
                    }}
                  >
                    {t('restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
