import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelVersionView } from '../../../../contract';
import { ErrorNotice } from '../../components/error-notice';
import { useFormat } from '../../i18n/format';
import { useAction } from '../../query/use-request';

interface Props {
  version: ModelVersionView;
  onClose: (promoted: boolean) => void;
}

/** Asks why, then makes a version live (promote, or roll back to an older one). */
export function PromoteDialog({ version, onClose }: Props) {
  const { t } = useTranslation('models');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const dialog = useRef<HTMLDialogElement>(null);
  const reasonId = useId();
  const [reason, setReason] = useState<string>(t('promote.defaultReason'));
  const promote = useAction('promoteModelVersion', { onSuccess: () => onClose(true) });
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  const date = format.dateTime(version.createdAt);
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="promote-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose(false);
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          promote.mutate({ id: version.id, reason });
        }}
      >
        <h2 id="promote-title">{t('promote.title', { date })}</h2>
        <p>{t('promote.body')}</p>
        {promote.isError && (
          <ErrorNotice
            failure={promote.error.failure}
            title={t('promote.failed')}
            labels={{ reason: t('promote.reason') }}
          />
        )}
        <div className="field">
          <label htmlFor={reasonId}>{t('promote.reason')}</label>
          <input
            id={reasonId}
            name="reason"
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={promote.isPending}>
            {promote.isPending ? tc('saving') : t('promote.confirm')}
          </button>
          <button type="button" onClick={() => onClose(false)}>
            {tc('cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
