import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassInfo, Failure, StudentSummary } from '../../../contract';
import { ErrorNotice } from '../components/error-notice';
import { ask, failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';
import { EnrolSearch } from './enrol-search';
import { localToday } from '../register/local-today';

interface Props {
  classInfo: ClassInfo;
  /** The other classes of the same school year, where a student can be moved. */
  classes: ClassInfo[];
  onClose: () => void;
}

type Outcome = { kind: 'done'; message: string } | { kind: 'failed'; failure: Failure } | null;

const fullName = (s: StudentSummary) => `${s.firstName} ${s.lastName}`;

/**
 * One class's students on a day: move a student to another class or end their enrolment, and
 * enrol someone new. Each change is one request, so each is whole or not at all.
 */
export function RosterSection({ classInfo, classes, onClose }: Props) {
  const { t } = useTranslation('classes');
  const id = useId();
  const [day, setDay] = useState(localToday);
  const [targets, setTargets] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [classInfo.id]);
  const roster = useRequest('listStudents', { classId: classInfo.id, onDate: day, limit: 500 });
  const others = classes.filter((c) => c.id !== classInfo.id);

  async function change(run: () => Promise<unknown>, message: string) {
    setBusy(true);
    setOutcome(null);
    try {
      await run();
      setOutcome({ kind: 'done', message });
    } catch (error) {
      setOutcome({ kind: 'failed', failure: failureOf(error) });
    } finally {
      setBusy(false);
    }
  }

  function move(student: StudentSummary) {
    const target = others.find((c) => c.id === (targets[student.id] ?? others[0]?.id));
    if (!target) return;
    void change(
      () => ask('enrolStudent', { studentId: student.id, classId: target.id, startDate: day }),
      t('roster.moved', { name: fullName(student), className: target.name }),
    );
  }

  function end(student: StudentSummary) {
    void change(
      async () => {
        const detail = await ask('getStudent', { studentId: student.id });
        const open = detail.enrolments.find(
          (e) =>
            e.classId === classInfo.id && e.startDate <= day && (!e.endDate || e.endDate >= day),
        );
        if (open) await ask('endEnrolment', { enrolmentId: open.id, endDate: day });
      },
      t('roster.removed', { name: fullName(student), className: classInfo.name }),
    );
  }

  return (
    <section className="callout" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {t('roster.heading', { name: classInfo.name })}
      </h2>
      <div className="field roster-day">
        <label htmlFor={`${id}-day`}>{t('roster.date')}</label>
        <input
          id={`${id}-day`}
          type="date"
          value={day}
          onChange={(e) => e.target.value && setDay(e.target.value)}
        />
      </div>
      {outcome?.kind === 'failed' && (
        <ErrorNotice failure={outcome.failure} title={t('roster.failed')} />
      )}
      <p role="status">{outcome?.kind === 'done' ? outcome.message : ''}</p>
      {roster.isError ? (
        <ErrorNotice failure={failureOf(roster.error)} title={t('readFailed')} />
      ) : roster.data && roster.data.students.length === 0 ? (
        <p>{t('roster.none')}</p>
      ) : (
        <table>
          <caption>{t('roster.table', { name: classInfo.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('roster.student')}</th>
              <th scope="col">{t('roster.number')}</th>
              <th scope="col">{t('roster.move')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('roster.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(roster.data?.students ?? []).map((s) => (
              <tr key={s.id}>
                <th scope="row">{fullName(s)}</th>
                <td>{s.studentNumber}</td>
                <td className="row-actions">
                  {others.length > 0 && (
                    <>
                      <select
                        aria-label={t('roster.moveTo', { name: fullName(s) })}
                        value={targets[s.id] ?? others[0]?.id}
                        onChange={(e) => setTargets((m) => ({ ...m, [s.id]: e.target.value }))}
                      >
                        {others.map((c) => (
                          <option key={c.id} value={c.id}>
                            {c.name}
                          </option>
                        ))}
                      </select>
                      <button type="button" disabled={busy} onClick={() => move(s)}>
                        {t('roster.move')}
                      </button>
                    </>
                  )}
                </td>
                <td>
                  <button type="button" disabled={busy} onClick={() => end(s)}>
                    {t('roster.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <EnrolSearch
        classInfo={classInfo}
        disabled={busy}
        onEnrol={(student) =>
          void change(
            () =>
              ask('enrolStudent', { studentId: student.id, classId: classInfo.id, startDate: day }),
            t('roster.moved', { name: fullName(student), className: classInfo.name }),
          )
        }
      />
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          {t('roster.close')}
        </button>
      </div>
    </section>
  );
}
