import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks whether to drop unsaved changes; Escape and "stay" keep the person on the page. */
export function LeaveDialog({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="leave-title"
      aria-describedby="leave-body"
      onCancel={(e) => {
        e.preventDefault();
        onStay();
      }}
    >
      <h2 id="leave-title">{t('leave.title')}</h2>
      <p id="leave-body">{t('leave.body')}</p>
      <div className="form-actions">
        <button type="button" className="primary" onClick={onStay} autoFocus>
          {t('leave.stay')}
        </button>
        <button type="button" onClick={onLeave}>
          {t('leave.leave')}
        </button>
      </div>
    </dialog>
  );
}
