import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../contract';
import { errorCodes, type ErrorCode } from '../../../../contract/result';
import { ErrorNotice } from '../../components/error-notice';
import { useFormat } from '../../i18n/format';

const isErrorCode = (code: string): code is ErrorCode =>
  (errorCodes as readonly string[]).includes(code);

/** The last failed sync in the user's words: its code translated, the backend's sentence after. */
export function LastSyncError({ error }: { error: NonNullable<SyncStatus['lastError']> }) {
  const { t } = useTranslation('sync');
  const format = useFormat();
  // A code this window does not know still shows, as an internal error with its own sentence.
  const code = isErrorCode(error.code) ? error.code : 'INTERNAL';
  return (
    <ErrorNotice
      failure={{ ok: false, code, message: error.message }}
      title={t('lastError', { date: format.dateTime(error.at) })}
    />
  );
}
