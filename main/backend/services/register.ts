import type Database from 'better-sqlite3';
import { assertPossibleDate, boundsFor } from './date-bounds';
import {
  attendanceStatuses,
  type AttendanceStatus,
  type Register,
  type RegisterEntryInput,
  type RegisterRequest,
  type RegisterSave,
  type RegisterSaved,
} from '../../../contract/domains/records-register';
import { BeaconError, type Db, versionTime, writeTransaction } from '../../../db';
import { epochDay } from '../features/packed-attendance';
import { refreshStudentFeatures } from '../keep-current';
import { type AttendanceRow, writeAttendance } from './attendance-rows';
import { withOperation } from './changes';
import { weekdayName } from './records-dates';
import { nameList, studentLabel, type Actor } from './records-support';
import { calendarEntry } from './school-days';

/**
 * The attendance register: the hot path of a school day. Statements are prepared once per
 * connection, one query reads the class's students with what was saved before, and only rows
 * that change are written and audited.
 */

interface Statements {
  classRow: Database.Statement;
  roster: Database.Statement;
  studentById: Database.Statement;
  userNames: Database.Statement;
}

const statementsByDb = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = statementsByDb.get(db);
  if (s) return s;
  s = {
    classRow: db.prepare(
      'SELECT id, name FROM classes WHERE id = ? AND school_id = ? AND deleted_at IS NULL',
    ),
    // The class's students enrolled on the date, each with the day's attendance row if any
    // (whichever class recorded it: one row per student per day), read by its natural key.
    roster: db.prepare(
      `SELECT s.id AS student_id, s.student_number, s.first_name, s.last_name, k.key AS student_key,
         a.day, c.id AS class_id, a.status, a.minutes_late, a.note, r.id AS recorded_by,
         a.version, a.deleted_at
       FROM enrolments e
       JOIN students s ON s.id = e.student_id AND s.deleted_at IS NULL
       LEFT JOIN local_keys k ON k.id = e.student_id
       LEFT JOIN attendance_days a ON a.student_key = k.key AND a.day = @day
       LEFT JOIN local_keys c ON c.key = a.class_key
       LEFT JOIN local_keys r ON r.key = a.recorded_by_key
       WHERE e.school_id = @school AND e.class_id = @class AND e.deleted_at IS NULL
         AND e.start_date <= @date AND (e.end_date IS NULL OR e.end_date >= @date)
       ORDER BY s.last_name, s.first_name, s.student_number`,
    ),
    studentById: db.prepare(
      `SELECT first_name, last_name, student_number FROM students
       WHERE id = ? AND school_id = ? AND deleted_at IS NULL`,
    ),
    // Names of the users who recorded a day's rows: json_each keeps it one statement for any count.
    userNames: db.prepare(
      `SELECT id, display_name FROM users
       WHERE school_id = ? AND id IN (SELECT value FROM json_each(?))`,
    ),
  };
  statementsByDb.set(db, s);
  return s;
}

interface RosterRow {
  student_id: string;
  student_number: string;
  first_name: string;
  last_name: string;
  /** The student's local key; null when none was made yet. */
  student_key: number | null;
  /** Null when nothing was saved for the day. */
  day: number | null;
  class_id: string | null;
  status: number | null;
  minutes_late: number | null;
  note: string | null;
  recorded_by: string | null;
  version: number | null;
  deleted_at: string | null;
}

/** The saved row of a roster line, or null when the day has none. */
function savedRow(r: RosterRow, date: string): AttendanceRow | null {
  if (r.day === null) return null;
  return {
    student_id: r.student_id,
    class_id: r.class_id,
    date,
    status: attendanceStatuses[r.status ?? 0] as AttendanceStatus,
    minutes_late: r.minutes_late,
    note: r.note,
    recorded_by: r.recorded_by,
    version: r.version ?? 0,
    deleted_at: r.deleted_at,
  };
}

function classOf(db: Db, schoolId: string, classId: string): { id: string; name: string } {
  const cls = statements(db).classRow.get(classId, schoolId) as
    { id: string; name: string } | undefined;
  if (!cls) throw new BeaconError('NOT_FOUND', `No class with id ${classId} in this school.`);
  return cls;
}

/** Refuses a date the calendar does not mark as a school day, saying what it is instead. */
export function assertSchoolDay(db: Db, schoolId: string, date: string): void {
  const entry = calendarEntry(db, schoolId, date);
  if (entry?.kind === 'school_day') return;
  const what = entry
    ? `it is a ${entry.kind === 'holiday' ? 'holiday' : 'closure'}${entry.note ? ` (${entry.note})` : ''}`
    : `the school calendar has nothing set for that ${weekdayName(date)}`;
  throw new BeaconError('INVALID_INPUT', `${date} is not a school day: ${what}.`, {
    field: 'date',
  });
}

function roster(db: Db, schoolId: string, classId: string, date: string): RosterRow[] {
  return statements(db).roster.all({
    school: schoolId,
    class: classId,
    date,
    day: epochDay(date),
  }) as RosterRow[];
}

/** The display names of the users who recorded `rows`, by user id. */
function recorderNames(db: Db, schoolId: string, rows: RosterRow[]): Map<string, string> {
  const ids = [...new Set(rows.flatMap((r) => (r.recorded_by ? [r.recorded_by] : [])))];
  if (ids.length === 0) return new Map();
  const found = statements(db).userNames.all(schoolId, JSON.stringify(ids)) as {
    id: string;
    display_name: string;
  }[];
  return new Map(found.map((u) => [u.id, u.display_name]));
}

/** A class's register for a school day: its students enrolled that day and what was saved. */
export function openRegister(db: Db, schoolId: string, request: RegisterRequest): Register {
  const cls = classOf(db, schoolId, request.classId);
  assertSchoolDay(db, schoolId, request.date);
  const seen = new Set<string>();
  const entries: Register['entries'] = [];
  const rows = roster(db, schoolId, cls.id, request.date);
  const names = recorderNames(db, schoolId, rows);
  for (const r of rows) {
    if (seen.has(r.student_id)) continue;
    seen.add(r.student_id);
    const row = savedRow(r, request.date);
    const saved = row !== null && row.deleted_at === null;
    entries.push({
      studentId: r.student_id,
      studentNumber: r.student_number,
      firstName: r.first_name,
      lastName: r.last_name,
      status: saved ? row.status : null,
      minutesLate: saved ? r.minutes_late : null,
      note: saved ? r.note : null,
      recordedBy: saved && r.recorded_by ? (names.get(r.recorded_by) ?? null) : null,
      // The row's clock is stamped with the wall time of its last change.
      recordedAt: saved && r.version ? new Date(versionTime(r.version)).toISOString() : null,
    });
  }
  return { classId: cls.id, className: cls.name, date: request.date, entries };
}

const validStatus = new Set<string>(attendanceStatuses);

/** Checks one entry by hand (the import calls this service without the dispatcher's zod). */
function entryProblem(e: RegisterEntryInput): string | null {
  if (!validStatus.has(e.status)) return `status must be one of ${attendanceStatuses.join(', ')}`;
  const minutes = e.minutesLate ?? null;
  if (minutes !== null) {
    if (e.status !== 'late') return `minutes late are only for a late student, not ${e.status}`;
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) {
      return 'minutes late must be a whole number from 0 to 1440';
    }
  }
  const note = e.note ?? null;
  if (note !== null && (typeof note !== 'string' || note.length > 500)) {
    return 'the note must be text of at most 500 characters';
  }
  return null;
}

/**
 * Saves a class's register for a school day in one transaction: one row per student per day,
 * inserted or updated (past days the same way). Refuses, writing nothing, a date that is not a
 * school day, a student not enrolled in the class that day, or an invalid entry, naming the
 * student. Each changed row is audited and queued for sync; unchanged rows are left alone.
 */
export function saveRegister(db: Db, actor: Actor, request: RegisterSave): RegisterSaved {
  const { classId, date, entries } = request;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new BeaconError('INVALID_INPUT', 'The register lists no students.');
  }
  assertPossibleDate(boundsFor(db, actor), 'date', 'The register date', date);
  const s = statements(db);
  return writeTransaction(db, () => {
    const cls = classOf(db, actor.schoolId, classId);
    assertSchoolDay(db, actor.schoolId, date);
    const enrolled = new Map<string, RosterRow>();
    for (const r of roster(db, actor.schoolId, cls.id, date)) enrolled.set(r.student_id, r);

    const notEnrolled: string[] = [];
    const seen = new Set<string>();
    for (const e of entries) {
      const row = enrolled.get(e.studentId);
      if (!row) {
        notEnrolled.push(e.studentId);
        continue;
      }
      if (seen.has(e.studentId)) {
        throw new BeaconError(
          'INVALID_INPUT',
          `${studentLabel(row)} is listed twice in the register.`,
        );
      }
      seen.add(e.studentId);
      const problem = entryProblem(e);
      if (problem) throw new BeaconError('INVALID_INPUT', `${studentLabel(row)}: ${problem}.`);
    }
    if (notEnrolled.length > 0) {
      const names = notEnrolled.map((id) => {
        const st = s.studentById.get(id, actor.schoolId) as Parameters<typeof studentLabel>[0];
        return st ? studentLabel(st) : `an unknown student (id ${id})`;
      });
      throw new BeaconError(
        'INVALID_INPUT',
        `Not enrolled in ${cls.name} on ${date}: ${nameList(names)}.`,
        { notEnrolled },
      );
    }

    const touched: string[] = [];
    const operation = {
      schoolId: actor.schoolId,
      userId: actor.userId,
      action: 'update' as const,
      entity: 'attendance',
    };
    // Local keys for this transaction: the roster read the students', so the 40 rows of a
    // register look up only the class's and the teacher's, once.
    const keys = new Map<string, number>();
    for (const r of enrolled.values()) {
      if (r.student_key !== null) keys.set(r.student_id, r.student_key);
    }
    withOperation(db, operation, (open) => {
      for (const e of entries) {
        const before = savedRow(enrolled.get(e.studentId) as RosterRow, date);
        const minutes = e.minutesLate ?? null;
        const note = e.note?.trim() || null;
        if (
          before !== null &&
          before.deleted_at === null &&
          before.status === e.status &&
          before.minutes_late === minutes &&
          before.note === note &&
          before.class_id === cls.id
        ) {
          continue;
        }
        writeAttendance(
          db,
          actor,
          {
            studentId: e.studentId,
            date,
            classId: cls.id,
            status: e.status,
            minutesLate: minutes,
            note,
          },
          before,
          { keys },
        );
        touched.push(e.studentId);
      }
      if (touched.length > 0) open.context = { class_id: cls.id, date };
    });
    if (touched.length > 0) refreshStudentFeatures(db, actor.schoolId, touched);
    return {
      classId: cls.id,
      date,
      changed: touched.length,
      unchanged: entries.length - touched.length,
    };
  });
}
