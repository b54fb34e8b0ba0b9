import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/error-notice';
import { useAction, useRequest } from '../../query/use-request';

/** Whether the database file is encrypted; an administrator can encrypt it and keep the key. */
export function EncryptionSettings() {
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const state = useRequest('databaseEncryption', {});
  const [asking, setAsking] = useState(false);
  const encrypt = useAction('encryptDatabase', { onSuccess: () => void state.refetch() });
  return (
    <section aria-labelledby="settings-encryption">
      <h2 id="settings-encryption">{t('encryption.title')}</h2>
      {state.data && <p>{state.data.encrypted ? t('encryption.on') : t('encryption.off')}</p>}
      {encrypt.data && (
        <div role="alert" className="alert recovery-key">
          <p className="alert-title">{t('encryption.recoveryTitle')}</p>
          <p>{t('encryption.recoveryBody')}</p>
          <p className="key">{encrypt.data.recoveryKey}</p>
        </div>
      )}
      {encrypt.isError && (
        <ErrorNotice failure={encrypt.error.failure} title={t('encryption.failed')} />
      )}
      {state.data && !state.data.encrypted && !encrypt.data && (
        <div className="form-actions">
          {asking ? (
            <>
              <p>{t('encryption.confirmBody')}</p>
              <button
                type="button"
                className="primary"
                disabled={encrypt.isPending}
                onClick={() => encrypt.mutate({})}
              >
                {t('encryption.confirm')}
              </button>
              <button type="button" onClick={() => setAsking(false)}>
                {tc('cancel')}
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setAsking(true)}>
              {t('encryption.encrypt')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
