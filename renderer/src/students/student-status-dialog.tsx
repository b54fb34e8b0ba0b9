import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatusChangeKind, StudentTableRow } from '../../../contract';
import { statusChangeKinds } from '../../../contract/domains/records-students';
import { ErrorNotice } from '../components/error-notice';
import { localToday } from '../register/local-today';
import { failureOf } from '../query/ask';
import { useAction } from '../query/use-request';
import { Modal } from './modal';

/**
 * Records what happened to a student (transfer, dropout, graduation, return) with its date
 * and reason, or archives them. The backend keeps the history and checks the change is possible.
 */
export function StudentStatusDialog({
  student,
  onDone,
}: {
  student: StudentTableRow;
  onDone: (message: string | null) => void;
}) {
  const { t } = useTranslation('students');
  const { t: tc } = useTranslation();
  const name = `${student.firstName} ${student.lastName}`;
  const kinds = statusChangeKinds.filter((k) =>
    student.status === 'active' ? k !== 'returned' : k === 'returned',
  );
  const [kind, setKind] = useState<StatusChangeKind>(kinds[0] ?? 'transferred_out');
  const [date, setDate] = useState(localToday());
  const [reason, setReason] = useState('');
  const change = useAction('changeStudentStatus');
  const archive = useAction('archiveStudent');
  const ids = { kind: useId(), date: useId(), reason: useId() };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      {
        studentId: student.id,
        status: kind,
        effectiveDate: date,
        reason: reason.trim() === '' ? null : reason,
      },
      { onSuccess: () => onDone(t('statusForm.saved', { name })) },
    );
  };
  const toggleArchive = () =>
    archive.mutate(
      { studentId: student.id, archived: !student.archived },
      {
        onSuccess: () =>
          onDone(
            t(student.archived ? 'statusForm.unarchivedDone' : 'statusForm.archivedDone', { name }),
          ),
      },
    );

  return (
    <Modal title={t('statusForm.title', { name })} onClose={() => onDone(null)}>
      <p>{t('statusForm.current', { status: t(`statusName.${student.status}`) })}</p>
      <form onSubmit={submit} aria-label={t('statusForm.title', { name })}>
        <div className="field">
          <label htmlFor={ids.kind}>{t('statusForm.kind')}</label>
          <select
            id={ids.kind}
            value={kind}
            onChange={(e) => setKind(e.target.value as StatusChangeKind)}
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`statusForm.kindName.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.date}>{t('statusForm.effectiveDate')}</label>
          <input
            id={ids.date}
            type="date"
            required
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.reason}>{t('statusForm.reason')}</label>
          <input
            id={ids.reason}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        {change.isError && (
          <ErrorNotice failure={failureOf(change.error)} title={t('statusForm.failed')} />
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={change.isPending}>
            {t('statusForm.save')}
          </button>
          <button type="button" onClick={() => onDone(null)}>
            {tc('cancel')}
          </button>
        </div>
      </form>
      <p className="hint">{t('statusForm.archiveHint')}</p>
      {archive.isError && (
        <ErrorNotice failure={failureOf(archive.error)} title={t('statusForm.archiveFailed')} />
      )}
      <button type="button" onClick={toggleArchive} disabled={archive.isPending}>
        {student.archived ? t('statusForm.unarchive') : t('statusForm.archive')}
      </button>
    </Modal>
  );
}
