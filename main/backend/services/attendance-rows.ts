import type Database from 'better-sqlite3';
import {
  attendanceStatuses,
  type AttendanceStatus,
} from '../../../contract/domains/records-register';
import { nextVersion, type Db } from '../../../db';
import { localKey } from '../../../db/local-keys';
import { dateOfEpochDay, epochDay } from '../features/packed-attendance';
import { recordChange } from './changes';

/**
 * The one writer of attendance (migration 0009): rows keyed by (student, day) in the compact
 * table `attendance_days`, with the status as its index in `attendanceStatuses` and ids as local
 * keys. The register and the import both write through here, so the row, its clock and its
 * change-log entry are made one way. Readers that are not hot use the `attendance` view.
 */

/** An attendance row as the rest of Beacon sees it (the `attendance` view's columns). */
export interface AttendanceRow {
  student_id: string;
  class_id: string | null;
  date: string;
  status: AttendanceStatus;
  minutes_late: number | null;
  note: string | null;
  recorded_by: string | null;
  version: number;
  deleted_at: string | null;
}

/** What a writer sets on a (student, day). */
export interface AttendanceWrite {
  studentId: string;
  date: string;
  classId: string | null;
  status: AttendanceStatus;
  minutesLate: number | null;
  note: string | null;
}

const statusCode = new Map<string, number>(attendanceStatuses.map((s, i) => [s, i]));

/** The status stored for a status name; throws on a name the table cannot hold. */
export function attendanceStatusCode(status: AttendanceStatus): number {
  const code = statusCode.get(status);
  if (code === undefined) throw new Error(`Unknown attendance status ${status}`);
  return code;
}

/** The audit's and sync's id for an attendance row: its natural key. */
export const attendanceRowId = (studentId: string, date: string): string => `${studentId}/${date}`;

interface Statements {
  insert: Database.Statement;
  update: Database.Statement;
  existing: Database.Statement;
}

const byDb = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = byDb.get(db);
  if (s) return s;
  s = {
    insert: db.prepare(
      `INSERT INTO attendance_days (student_key, day, status, class_key, minutes_late, note,
         recorded_by_key, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    update: db.prepare(
      `UPDATE attendance_days SET status = ?, class_key = ?, minutes_late = ?, note = ?,
         recorded_by_key = ?, version = ?, deleted_at = NULL
       WHERE student_key = ? AND day = ?`,
    ),
    existing: db.prepare(
      `SELECT a.day, c.id AS class_id, a.status, a.minutes_late, a.note, r.id AS recorded_by,
         a.version, a.deleted_at
       FROM attendance_days a
       LEFT JOIN local_keys c ON c.key = a.class_key
       LEFT JOIN local_keys r ON r.key = a.recorded_by_key
       WHERE a.student_key = ? AND a.day BETWEEN ? AND ?`,
    ),
  };
  byDb.set(db, s);
  return s;
}

/** A student's saved rows between two dates (both included), by date. */
export function attendanceBetween(
  db: Db,
  studentId: string,
  from: string,
  to: string,
): Map<string, AttendanceRow> {
  const rows = statements(db).existing.all(
    localKey(db, studentId),
    epochDay(from),
    epochDay(to),
  ) as {
    day: number;
    class_id: string | null;
    status: number;
    minutes_late: number | null;
    note: string | null;
    recorded_by: string | null;
    version: number;
    deleted_at: string | null;
  }[];
  const out = new Map<string, AttendanceRow>();
  for (const r of rows) {
    const date = dateOfEpochDay(r.day);
    out.set(date, {
      student_id: studentId,
      class_id: r.class_id,
      date,
      status: attendanceStatuses[r.status] as AttendanceStatus,
      minutes_late: r.minutes_late,
      note: r.note,
      recorded_by: r.recorded_by,
      version: r.version,
      deleted_at: r.deleted_at,
    });
  }
  return out;
}

/** The row without its key columns, which the audit entry's id already names. */
const withoutKey = ({ student_id: _s, date: _d, ...rest }: AttendanceRow) => rest;

/**
 * Saves one (student, day) as `row`, over `before` when the day was saved already, with its
 * change-log entry, in the caller's transaction. Answers the row as it now stands.
 */
export function writeAttendance(
  db: Db,
  actor: { schoolId: string; userId: string | null },
  row: AttendanceWrite,
  before: AttendanceRow | null,
  options: { action?: 'import'; unaudited?: boolean } = {},
): AttendanceRow {
  const s = statements(db);
  const studentKey = localKey(db, row.studentId);
  const day = epochDay(row.date);
  const classKey = row.classId === null ? null : localKey(db, row.classId);
  const recorderKey = actor.userId === null ? null : localKey(db, actor.userId);
  const version = nextVersion(before?.version ?? 0);
  const code = attendanceStatusCode(row.status);
  if (before) {
    s.update.run(code, classKey, row.minutesLate, row.note, recorderKey, version, studentKey, day);
  } else {
    s.insert.run(studentKey, day, code, classKey, row.minutesLate, row.note, recorderKey, version);
  }
  const after: AttendanceRow = {
    student_id: row.studentId,
    class_id: row.classId,
    date: row.date,
    status: row.status,
    minutes_late: row.minutesLate,
    note: row.note,
    recorded_by: actor.userId,
    version,
    deleted_at: null,
  };
  recordChange(db, {
    schoolId: actor.schoolId,
    userId: actor.userId,
    table: 'attendance',
    rowId: attendanceRowId(row.studentId, row.date),
    outboxKey: `${studentKey}:${day}`,
    before: before && withoutKey(before),
    after: withoutKey(after),
    version,
    ...(options.action ? { action: options.action } : {}),
    ...(options.unaudited ? { unaudited: true } : {}),
  });
  return after;
}
