import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/error-notice';
import { useFormat } from '../../i18n/format';
import { failureOf } from '../../query/ask';
import { useAction, useRequest } from '../../query/use-request';

/** Where Beacon stands with updates; an administrator can check now or install a ready one. */
export function UpdateSettings({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation('settings');
  const format = useFormat();
  const status = useRequest('updateStatus', {});
  const check = useAction('checkForUpdates', { onSuccess: () => void status.refetch() });
  const install = useAction('installUpdate');
  const s = status.data;
  return (
    <section aria-labelledby="settings-updates">
      <h2 id="settings-updates">{t('updates.title')}</h2>
      {status.isError && (
        <ErrorNotice failure={failureOf(status.error)} title={t('updates.failed')} />
      )}
      {s && (
        <>
          <p>{t('updates.current', { version: s.currentVersion })}</p>
          <p role="status">{t(`updates.phase.${s.phase}`, { version: s.version ?? '' })}</p>
          {/* The backend's own words are English: the one case it explains is said here instead. */}
          {s.phase === 'unsupported' ? (
            <p className="muted">{t('updates.unsupportedWhy')}</p>
          ) : (
            s.message && (
              <p className="muted" lang="en">
                {s.message}
              </p>
            )
          )}
          {s.checkedAt && (
            <p className="muted">
              {t('updates.checkedAt', { date: format.dateTime(s.checkedAt) })}
            </p>
          )}
          {isAdmin && s.phase !== 'unsupported' && (
            <div className="form-actions">
              <button type="button" disabled={check.isPending} onClick={() => check.mutate({})}>
                {t('updates.check')}
              </button>
              {s.phase === 'ready' && s.version && (
                <button type="button" className="primary" onClick={() => install.mutate({})}>
                  {t('updates.install', { version: s.version })}
                </button>
              )}
            </div>
          )}
          {check.isError && (
            <ErrorNotice failure={check.error.failure} title={t('updates.failed')} />
          )}
        </>
      )}
    </section>
  );
}
