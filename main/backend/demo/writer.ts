import { insertSql, newId, nextVersion, prepared, type ColumnOf, type Db } from '../../../db';
import { setCalendarDays } from '../services/calendar';
import { createClass } from '../services/classes';
import { endEnrolment, enrolStudent } from '../services/enrolments';
import { createAssessment } from '../services/assessments';
import { createIncident } from '../services/incidents';
import { createIntervention } from '../services/interventions';
import { saveMarks } from '../services/marks';
import { saveRegister } from '../services/register';
import {
  attendanceRowId,
  attendanceStatusCode,
  writtenDayColumns,
} from '../services/attendance-rows';
import { ownedRowKey, recordCreatedRows, withOperation } from '../services/changes';
import { localKey } from '../../../db/local-keys';
import { epochDay } from '../features/packed-attendance';
import type { Actor } from '../services/records-support';
import { changeStudentStatus } from '../services/student-status';
import { createStudent } from '../services/students';
import { createTerm } from '../services/terms';
import type { DemoSchool } from './simulate';

/**
 * How the demo's registers and marks (nine rows in ten) are saved:
 * - 'bulk' (default): every other record goes through the staff services in date order, as
 *   before; registers and marks are collected as the history unfolds (so a mark is given exactly
 *   when `saveMarks` would accept it) and written at the end, each register and each
 *   assessment's marks as the same audited operation the service writes (one audit entry listing
 *   its rows, one outbox entry per row), but without the per-save reads, checks and
 *   transactions a person at a keyboard needs. Features are built by the one rebuild after.
 * - 'services': `saveRegister` and `saveMarks` day by day, as staff would; slow, kept so a test
 *   can prove the bulk mode writes the same school.
 */
export type DemoWriteMode = 'bulk' | 'services';

export interface WriteProgress {
  stage: string;
  done: number;
  total: number;
  /** The school day just written (YYYY-MM-DD). */
  date: string;
}

export interface WrittenDemo {
  students: number;
  classes: number;
  registers: number;
  attendance: number;
  assessments: number;
  incidents: number;
  statusChanges: number;
}

/**
 * Saves a simulated school through the same services staff use, in date order, so every row
 * carries its audit entry, outbox entry and up-to-date features exactly as if typed in. Each
 * school day is one transaction: an interrupted load keeps whole days.
 */
export function writeDemoSchool(
  db: Db,
  actor: Actor,
  demo: DemoSchool,
  onProgress: (p: WriteProgress) => void = () => {},
  mode: DemoWriteMode = 'bulk',
): WrittenDemo {
  const days = writeDemoDays(db, actor, demo, { mode });
  for (;;) {
    const step = days.next();
    if (step.done) return step.value;
    onProgress(step.value);
  }
}

/** Registers written per transaction in bulk mode: about 7,500 rows, a few tens of ms. */
const BULK_REGISTERS = 250;
/** Assessments whose marks are written per transaction in bulk mode. */
const BULK_ASSESSMENTS = 250;

/**
 * The same load a step at a time: each `next()` writes one school day's records (then, in bulk
 * mode, one batch of registers or marks) in its own transaction (run through `runDay`, so the
 * caller can wrap it) and yields the progress; the generator returns the totals. A caller that
 * must keep an event loop responsive (the app's 'demo' job) gives it a turn between steps.
 */
export function* writeDemoDays(
  db: Db,
  actor: Actor,
  demo: DemoSchool,
  options: { runDay?: (write: () => void) => void; mode?: DemoWriteMode } = {},
): Generator<WriteProgress, WrittenDemo, void> {
  const runDay = options.runDay ?? ((write: () => void) => write());
  const bulk = (options.mode ?? 'bulk') === 'bulk';
  type QueuedRegister = { classId: string; date: string; entries: DemoRegisterRow[] };
  type QueuedMarks = { assessmentId: string; entries: { studentId: string; score: number }[] };
  const queuedRegisters: QueuedRegister[] = [];
  const queuedMarks: QueuedMarks[] = [];
  const classIds = new Map<string, string>();
  const studentIds = new Map<string, string>();
  const openEnrolment = new Map<string, string>();
  const termIds = new Map<string, string>();
  const latent = new Map(demo.students.map((s) => [s.number, s]));
  const created = new Set<string>();
  let attendance = 0;

  // Everything that happens on a date, in the order staff would record it.
  type Event = { at: string; order: number; run: () => void };
  const events: Event[] = [];
  const push = (at: string, order: number, run: () => void) => events.push({ at, order, run });

  for (const year of demo.years) {
    const first = year.days[0]?.date;
    if (!first) continue;
    push(first, 0, () => {
      for (const term of year.terms) {
        setCalendarDays(db, actor, { from: term.start, to: term.end, kind: 'school_day' });
        termIds.set(
          `${year.label}/${term.name}`,
          createTerm(db, actor, {
            schoolYear: year.label,
            name: term.name,
            startDate: term.start,
            endDate: term.end,
          }).id,
        );
      }
      for (const day of year.days.filter((d) => d.kind === 'holiday')) {
        setCalendarDays(db, actor, {
          from: day.date,
          to: day.date,
          kind: 'holiday',
          note: 'public holiday',
        });
      }
      for (const c of demo.classes.filter((x) => x.schoolYear === year.label)) {
        classIds.set(
          c.key,
          createClass(db, actor, {
            schoolYear: c.schoolYear,
            name: c.name,
            gradeLevel: c.gradeLevel,
          }),
        );
      }
    });
  }
  for (const e of demo.enrolments) {
    push(e.start, 1, () => {
      const s = latent.get(e.student);
      if (s && !created.has(s.number)) {
        created.add(s.number);
        const cls = demo.classes.find((c) => c.key === e.classKey);
        studentIds.set(
          s.number,
          createStudent(db, actor, {
            studentNumber: s.number,
            firstName: s.firstName,
            lastName: s.lastName,
            sex: s.sex,
            dateOfBirth: s.dateOfBirth,
            gradeLevel: cls?.gradeLevel ?? null,
            entryDate: s.entryDate,
            ethnicity: s.ethnicity,
            lowIncome: s.lowIncome,
          }),
        );
      }
      const result = enrolStudent(db, actor, {
        studentId: studentIds.get(e.student) as string,
        classId: classIds.get(e.classKey) as string,
        startDate: e.start,
      });
      openEnrolment.set(e.student, result.enrolment.id);
    });
  }
  for (const r of demo.registers) {
    push(r.date, 2, () => {
      const register = {
        classId: classIds.get(r.classKey) as string,
        date: r.date,
        entries: r.entries.map((x) => ({
          studentId: studentIds.get(x.student) as string,
          status: x.status,
          ...(x.minutesLate ? { minutesLate: x.minutesLate } : {}),
        })),
      };
      if (bulk) queuedRegisters.push(register);
      else saveRegister(db, actor, register);
      attendance += r.entries.length;
    });
  }
  for (const i of demo.incidents) {
    push(i.date, 3, () =>
      createIncident(db, actor, {
        studentId: studentIds.get(i.student) as string,
        date: i.date,
        category: i.category,
        severity: i.severity,
        actionTaken: i.actionTaken,
        suspensionDays: i.suspensionDays,
      }),
    );
  }
  for (const a of demo.assessments) {
    push(a.date, 4, () => {
      const assessment = createAssessment(db, actor, {
        classId: classIds.get(a.classKey) as string,
        termId: termIds.get(`${a.schoolYear}/${a.term}`) ?? null,
        subject: a.subject,
        name: a.name,
        date: a.date,
        maxScore: a.maxScore,
        weight: a.weight,
      });
      // Students who left before the assessment's date have no mark.
      const entries = a.marks
        .filter((m) => openEnrolment.has(m.student))
        .map((m) => ({ studentId: studentIds.get(m.student) as string, score: m.score }));
      if (!entries.length) return;
      if (bulk) queuedMarks.push({ assessmentId: assessment.id, entries });
      else saveMarks(db, actor, { assessmentId: assessment.id, entries });
    });
  }
  for (const c of demo.statusChanges) {
    push(c.date, 5, () => {
      changeStudentStatus(db, actor, {
        studentId: studentIds.get(c.student) as string,
        status: c.status,
        effectiveDate: c.date,
        reason: c.reason,
      });
      openEnrolment.delete(c.student);
    });
  }
  // End of each school year: close the enrolments still open, as the office does in June.
  for (const year of demo.years) {
    const last = year.terms.at(-1);
    if (!last || (year.days.at(-1)?.date ?? '') < last.end) continue;
    push(last.end, 6, () => {
      for (const [student, enrolmentId] of openEnrolment) {
        endEnrolment(db, actor, { enrolmentId, endDate: last.end });
        openEnrolment.delete(student);
      }
    });
  }
  // A few interventions for the students staff would already be worried about.
  const finalDay = demo.years.at(-1)?.days.at(-1)?.date;
  if (finalDay) {
    push(finalDay, 7, () => {
      const worried = [...openEnrolment.keys()]
        .map((n) => latent.get(n))
        .filter((s) => s !== undefined)
        .sort((a, b) => b.latent - a.latent)
        .slice(0, Math.max(1, Math.round(openEnrolment.size * 0.03)));
      for (const s of worried) {
        createIntervention(db, actor, {
          studentId: studentIds.get(s.number) as string,
          type: 'mentoring',
          startDate: finalDay,
          status: 'active',
        });
      }
    });
  }

  events.sort((a, b) => (a.at === b.at ? a.order - b.order : a.at < b.at ? -1 : 1));
  // Progress counts the days, then the bulk batches (known once the days are written; until
  // then estimated from the simulation, so the bar never runs backwards).
  const registerBatches = bulk ? Math.ceil(demo.registers.length / BULK_REGISTERS) : 0;
  const markBatches = bulk ? Math.ceil(demo.assessments.length / BULK_ASSESSMENTS) : 0;
  const totalSteps = () => events.length + registerBatches + markBatches;
  let i = 0;
  while (i < events.length) {
    const day = events[i]?.at ?? '';
    let j = i;
    while (j < events.length && events[j]?.at === day) j++;
    const batch = events.slice(i, j);
    runDay(db.transaction(() => batch.forEach((e) => e.run())));
    i = j;
    yield { stage: 'writing', done: i, total: totalSteps(), date: day };
  }
  // Bulk mode: the registers and marks collected above, a batch per transaction.
  const keys = new Map<string, number>();
  for (let k = 0; k < queuedRegisters.length; k += BULK_REGISTERS) {
    const batch = queuedRegisters.slice(k, k + BULK_REGISTERS);
    runDay(db.transaction(() => batch.forEach((r) => writeRegisterRows(db, actor, r, keys))));
    i++;
    yield { stage: 'writing', done: i, total: totalSteps(), date: batch.at(-1)?.date ?? '' };
  }
  for (let k = 0; k < queuedMarks.length; k += BULK_ASSESSMENTS) {
    const batch = queuedMarks.slice(k, k + BULK_ASSESSMENTS);
    runDay(db.transaction(() => batch.forEach((m) => writeMarkRows(db, actor, m))));
    i++;
    yield { stage: 'writing', done: i, total: totalSteps(), date: finalDay ?? '' };
  }
  return {
    students: studentIds.size,
    classes: classIds.size,
    registers: demo.registers.length,
    attendance,
    assessments: demo.assessments.length,
    incidents: demo.incidents.length,
    statusChanges: demo.statusChanges.length,
  };
}

/** A new register day as the attendance writer inserts one; the simulation writes no notes. */
const insertDaySql = insertSql(
  'attendance_days',
  writtenDayColumns,
  ['deleted_at'],
  ['?', '?', '?', '?', '?', 'NULL', '?', '?'],
);

/** A new mark, with its clock value. */
const insertMarkSql = insertSql(
  'marks',
  [
    'id',
    'school_id',
    'assessment_id',
    'student_id',
    'score',
    'created_at',
    'updated_at',
    'version',
  ],
  ['deleted_at'],
);

type DemoRegisterRow = {
  studentId: string;
  status: 'present' | 'absent' | 'late' | 'excused';
  minutesLate?: number;
};

/**
 * One register as `saveRegister` saves a new day: one audited operation (its entry names the
 * class and date and lists the rows as the register's would), each row stored as the attendance
 * writer (services/attendance-rows.ts) stores a new one, with its own clock value; the outbox
 * entries go in set-based (the change log's bulk mode). The day's checks (a school day, every
 * student enrolled) are the simulation's, proved by the test that writes the same school through
 * the services.
 */
function writeRegisterRows(
  db: Db,
  actor: Actor,
  register: { classId: string; date: string; entries: DemoRegisterRow[] },
  keys: Map<string, number>,
): void {
  const { classId, date } = register;
  const keyOf = (id: string) => {
    let key = keys.get(id);
    if (key === undefined) {
      key = localKey(db, id);
      keys.set(id, key);
    }
    return key;
  };
  const insert = prepared(db, insertDaySql);
  const day = epochDay(date);
  const classKey = keyOf(classId);
  const recorderKey = actor.userId === null ? null : keyOf(actor.userId);
  withOperation(
    db,
    {
      schoolId: actor.schoolId,
      userId: actor.userId,
      action: 'update',
      entity: 'attendance',
      context: { class_id: classId, date },
    },
    () => {
      const rows = register.entries.map((e) => {
        const studentKey = keyOf(e.studentId);
        const version = nextVersion();
        const minutesLate = e.minutesLate ?? null;
        insert.run(
          studentKey,
          day,
          attendanceStatusCode(e.status),
          classKey,
          minutesLate,
          recorderKey,
          version,
        );
        return {
          rowId: attendanceRowId(e.studentId, date),
          outboxKey: ownedRowKey(studentKey, day),
          after: {
            class_id: classId,
            status: e.status,
            minutes_late: minutesLate,
            note: null,
            recorded_by: actor.userId,
            version,
            deleted_at: null,
          },
        };
      });
      recordCreatedRows(db, 'attendance', rows);
    },
  );
}

/**
 * One assessment's new marks as `saveMarks` saves them: one audited operation listing its rows,
 * each row stamped with its clock value; outbox entries set-based.
 */
function writeMarkRows(
  db: Db,
  actor: Actor,
  marks: { assessmentId: string; entries: { studentId: string; score: number }[] },
): void {
  const insert = prepared(db, insertMarkSql);
  withOperation(
    db,
    {
      schoolId: actor.schoolId,
      userId: actor.userId,
      action: 'update',
      entity: 'marks',
      context: { assessment_id: marks.assessmentId },
    },
    () => {
      const now = new Date().toISOString();
      const rows = marks.entries.map((e) => {
        const id = newId();
        const version = nextVersion();
        insert.run(id, actor.schoolId, marks.assessmentId, e.studentId, e.score, now, now, version);
        const after: Record<ColumnOf<'marks'>, string | number | null> = {
          id,
          school_id: actor.schoolId,
          assessment_id: marks.assessmentId,
          student_id: e.studentId,
          score: e.score,
          created_at: now,
          updated_at: now,
          version,
          deleted_at: null,
        };
        return { rowId: id, after };
      });
      recordCreatedRows(db, 'marks', rows);
    },
  );
}
