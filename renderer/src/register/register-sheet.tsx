import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceStatus, Register, RegisterEntry, RegisterSaved } from '../../../contract';
import { attendanceStatuses } from '../../../contract/domains/records-register';
import { ErrorNotice } from '../components/error-notice';
import { useUnsavedChangesGuard } from '../components/use-unsaved-changes-guard';
import { useFormat } from '../i18n/format';
import { failureOf } from '../query/ask';
import { requestKey, useAction } from '../query/use-request';
import { registerKeyAction } from './register-keys';
import { RegisterTakenNote } from './register-taken-note';
import './register.css';

/** What the register shows for an entry before anyone touches it: saved, else present. */
const baseline = (e: RegisterEntry): AttendanceStatus => e.status ?? 'present';

/**
 * One class's register for one day, taken by keyboard: a single tab stop, ↑/↓ between
 * students, the status letters set a student and step on, Enter saves the whole day. Edits
 * lie over the saved register until the save is confirmed and the register read again.
 */
export function RegisterSheet({ register }: { register: Register }) {
  const { t } = useTranslation('register');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const [edits, setEdits] = useState<ReadonlyMap<string, AttendanceStatus>>(new Map());
  const [row, setRow] = useState(0);
  const [saved, setSaved] = useState<RegisterSaved | null>(null);
  const focusWanted = useRef(false);
  const radios = useRef(new Map<string, HTMLButtonElement>());
  const save = useAction('saveRegister');
  const entries = register.entries;

  const statusOf = (e: RegisterEntry) => edits.get(e.studentId) ?? baseline(e);
  const dirty = entries.some((e) => edits.has(e.studentId) && statusOf(e) !== baseline(e));
  const guard = useUnsavedChangesGuard(dirty);
  const letters = useMemo(
    () =>
      Object.fromEntries(attendanceStatuses.map((s) => [s, t(`key.${s}`)])) as Record<
        AttendanceStatus,
        string
      >,
    [t],
  );

  useEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    const entry = entries[row];
    if (entry) radios.current.get(`${entry.studentId}:${statusOf(entry)}`)?.focus();
  });

  const setStatus = (index: number, status: AttendanceStatus) => {
    const entry = entries[index];
    if (!entry) return;
    setSaved(null);
    setEdits((old) => new Map(old).set(entry.studentId, status));
  };

  const moveTo = (index: number) => {
    focusWanted.current = true;
    setRow(index);
  };

  const submit = () => {
    if (save.isPending || entries.length === 0) return;
    setSaved(null);
    const input = {
      classId: register.classId,
      date: register.date,
      entries: entries.map((e) => {
        const status = statusOf(e);
        return {
          studentId: e.studentId,
          status,
          minutesLate: status === 'late' && e.status === 'late' ? e.minutesLate : null,
          note: e.note,
        };
      }),
    };
    save.mutate(input, {
      onSuccess: (answer) => {
        // The answer holds the day as saved: shown with the edits dropped in one render, so no
        // saved mark flickers back and no second read waits in between.
        client.setQueryData(
          requestKey('openRegister', { classId: register.classId, date: register.date }),
          answer.register,
        );
        setEdits(new Map());
        setSaved(answer);
      },
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const action = registerKeyAction(
      event.key,
      { ctrl: event.ctrlKey, alt: event.altKey, meta: event.metaKey },
      row,
      entries.length,
      letters,
    );
    if (action.kind === 'none') return;
    event.preventDefault();
    if (action.kind === 'move') moveTo(action.row);
    else if (action.kind === 'save') submit();
    else {
      setStatus(action.row, action.status);
      moveTo(action.next);
    }
  };

  if (entries.length === 0) return <p>{t('empty')}</p>;

  const counts = Object.fromEntries(
    attendanceStatuses.map((s) => [s, entries.filter((e) => statusOf(e) === s).length]),
  ) as Record<AttendanceStatus, number>;

  return (
    <div className="register">
      {guard}
      <RegisterTakenNote entries={entries} />
      <p className="hint">{t('keysHint')}</p>
      <table className="register-table">
        <caption>
          {t('tableLabel', { className: register.className, date: format.date(register.date) })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('student')}</th>
            <th scope="col">{t('number')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('lastSaved')}</th>
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {entries.map((entry, index) => {
            const name = `${entry.firstName} ${entry.lastName}`;
            const current = statusOf(entry);
            const changed = current !== baseline(entry);
            return (
              <tr key={entry.studentId} className={changed ? 'register-changed' : undefined}>
                <th scope="row">{name}</th>
                <td>{entry.studentNumber}</td>
                <td>
                  <div role="radiogroup" aria-label={name} className="register-statuses">
                    {attendanceStatuses.map((status) => (
                      <button
                        key={status}
                        type="button"
                        role="radio"
                        aria-checked={current === status}
                        tabIndex={index === row && current === status ? 0 : -1}
                        className={`register-status register-${status}`}
                        ref={(el) => {
                          const key = `${entry.studentId}:${status}`;
                          if (el) radios.current.set(key, el);
                          else radios.current.delete(key);
                        }}
                        onFocus={() => setRow(index)}
                        onClick={() => {
                          setStatus(index, status);
                          moveTo(index);
                        }}
                      >
                        {t(`statusName.${status}`)}
                      </button>
                    ))}
                  </div>
                </td>
                <td>
                  {changed ? (
                    <strong>{t('edited')}</strong>
                  ) : entry.recordedAt ? (
                    entry.recordedBy ? (
                      t('savedBy', {
                        name: entry.recordedBy,
                        when: format.dateTime(entry.recordedAt),
                      })
                    ) : (
                      t('savedBySystem', { when: format.dateTime(entry.recordedAt) })
                    )
                  ) : (
                    <span className="muted">{t('notSaved')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>{t('summary', counts)}</p>
      <div className="form-actions">
        <button type="button" className="button" onClick={submit} disabled={save.isPending}>
          {save.isPending ? tc('saving') : t('saveButton')}
        </button>
        <span role="status">
          {saved ? t('saved', { count: saved.changed, unchanged: saved.unchanged }) : null}
        </span>
      </div>
      {save.isError && <ErrorNotice failure={failureOf(save.error)} title={t('saveFailed')} />}
    </div>
  );
}
