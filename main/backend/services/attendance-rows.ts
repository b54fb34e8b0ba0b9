import type Database from 'better-sqlite3';
import {
  attendanceStatuses,
  type AttendanceStatus,
} from '../../../contract/domains/records-register';
import {
  attendanceDayColumns,
  insertColumns,
  insertSql,
  nextVersion,
  prepared,
  reserveVersions,
  storedTables,
  type AttendanceDayTuple,
  type ColumnOf,
  type Db,
} from '../../../db';
import { existingLocalKey, idOfLocalKey, localKey } from '../../../db/local-keys';
import { dateOfEpochDay, epochDay } from '../features/packed-attendance';
import { ownedRowKey, recordChange, recordPulled, recordRun } from './changes';

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

type WrittenDayColumn = Exclude<ColumnOf<'attendance_days'>, 'deleted_at'>;
/** The columns a writer sets on a new day, in the description's order: a new row is live. */
export const writtenDayColumns = storedTables.attendance_days.columns.filter(
  (c): c is WrittenDayColumn => c !== 'deleted_at',
);
const insertDaySql = insertSql('attendance_days', writtenDayColumns, ['deleted_at']);

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
    insert: db.prepare(insertDaySql),
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
  options: {
    action?: 'import';
    unaudited?: boolean;
    /**
     * Local keys already looked up, for a writer of many rows; keep it for one transaction only
     * (a key made in a transaction that rolls back is gone).
     */
    keys?: Map<string, number>;
  } = {},
): AttendanceRow {
  const s = statements(db);
  const keys = options.keys;
  const keyOf = (id: string) => {
    let key = keys?.get(id);
    if (key === undefined) {
      key = localKey(db, id);
      keys?.set(id, key);
    }
    return key;
  };
  const studentKey = keyOf(row.studentId);
  const day = epochDay(row.date);
  const classKey = row.classId === null ? null : keyOf(row.classId);
  const recorderKey = actor.userId === null ? null : keyOf(actor.userId);
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
    outboxKey: ownedRowKey(studentKey, day),
    before: before && withoutKey(before),
    after: withoutKey(after),
    version,
    ...(options.action ? { action: options.action } : {}),
    ...(options.unaudited ? { unaudited: true } : {}),
  });
  return after;
}

/** A day already saved, as the bulk writer compares it: ids as local keys, status as its code. */
export interface SavedDay {
  status: number;
  classKey: number | null;
  minutesLate: number | null;
  note: string | null;
  recorderKey: number | null;
  version: number;
  deletedAt: string | null;
}

/** One day to write in bulk: the status as its code, the class as a local key. */
export interface BulkDay {
  day: number;
  status: number;
  classKey: number | null;
  minutesLate: number | null;
  note: string | null;
}

/** Rows per multi-row insert of the bulk writer, and the values bound per row. */
const INSERT_BATCH = 100;
const BATCH_COLUMNS = 5;
const insertBatchSql = (row: (k: number) => string) =>
  `INSERT INTO attendance_days ${insertColumns('attendance_days', writtenDayColumns, ['deleted_at'])}
  VALUES ${Array.from({ length: INSERT_BATCH }, (_, k) => row(k)).join(', ')}`;
const fullBatchSql = insertBatchSql((k) => `(@student, ?, ?, ?, ?, ?, @recorder, @version + ${k})`);
/**
 * The common batch: one class for all its rows, no minutes late, no note. Two values bound a
 * row instead of five (measured on 200,000 rows: a sixth less CPU for the inserts).
 */
const plainBatchSql = insertBatchSql(
  (k) => `(@student, ?, ?, @class, NULL, NULL, @recorder, @version + ${k})`,
);
const PLAIN_COLUMNS = 2;

/**
 * The class every row of the batch from `from` on has, when none has minutes late or a note
 * (`plainBatchSql` fits it); undefined when the batch needs `fullBatchSql`.
 */
function plainClass(created: readonly BulkDay[], from: number): number | null | undefined {
  const classKey = (created[from] as BulkDay).classKey;
  for (let k = from; k < from + INSERT_BATCH; k++) {
    const d = created[k] as BulkDay;
    if (d.classKey !== classKey || d.minutesLate !== null || d.note !== null) return undefined;
  }
  return classKey;
}

/**
 * The bulk mode of the one attendance writer (an import): rows are written a student at a time
 * in key order, the student's saved days read once, local keys looked up once, and the outbox
 * gets one run entry per student (`recordRun`) instead of one per row. Created rows are covered
 * by the operation's own audit entry; changed rows are listed in it with what changed. Keep one
 * for one transaction only (a local key made in a transaction that rolls back is gone).
 */
export class AttendanceBulkWriter {
  private readonly keys = new Map<string, number>();
  private readonly ids = new Map<number, string | null>();
  private readonly newKeys = new Set<number>();
  private readonly saved: Database.Statement;
  private readonly fullBatch: Database.Statement;
  private readonly plainBatch: Database.Statement;
  /** Reused for every batch: 200,000 rows need no 2,000 arrays. */
  private readonly fullParams = new Array<number | string | null>(
    INSERT_BATCH * BATCH_COLUMNS,
  ).fill(null);
  private readonly plainParams = new Array<number>(INSERT_BATCH * PLAIN_COLUMNS).fill(0);
  private readonly recorderKey: number | null;

  constructor(
    private readonly db: Db,
    private readonly actor: { schoolId: string; userId: string | null },
  ) {
    this.saved = db.prepare(
      `SELECT ${attendanceDayColumns} FROM attendance_days
       WHERE student_key = ? AND day BETWEEN ? AND ?`,
    );
    this.fullBatch = prepared(db, fullBatchSql);
    this.plainBatch = prepared(db, plainBatchSql);
    this.recorderKey = actor.userId === null ? null : this.keyOf(actor.userId);
  }

  /** The local key of a student's, class's or user's id, made on first use. */
  keyOf(id: string): number {
    let key = this.keys.get(id);
    if (key === undefined) {
      key = existingLocalKey(this.db, id) ?? this.made(localKey(this.db, id));
      this.keys.set(id, key);
      this.ids.set(key, id);
    }
    return key;
  }

  /** A key this writer made: no row saved before can name it. */
  private made(key: number): number {
    this.newKeys.add(key);
    return key;
  }

  /** A student's saved days between two days (both included), by day. */
  savedDays(studentKey: number, from: number, to: number): Map<number, SavedDay> {
    const out = new Map<number, SavedDay>();
    // A student first keyed by this import has no saved day (and is written once, by key).
    if (this.newKeys.has(studentKey)) return out;
    const rows = this.saved.raw().all(studentKey, from, to) as AttendanceDayTuple[];
    for (const [
      ,
      day,
      status,
      classKey,
      minutesLate,
      note,
      recorderKey,
      version,
      deletedAt,
    ] of rows)
      out.set(day, { status, classKey, minutesLate, note, recorderKey, version, deletedAt });
    return out;
  }

  /**
   * Writes one student's days (in day order) over what `savedDays` answered for them: a new
   * day is inserted, a changed one updated and listed in the operation's audit entry. Keeps
   * none of `days` after the call (the caller may refill them for the next student).
   */
  writeStudent(
    studentId: string,
    studentKey: number,
    days: readonly BulkDay[],
    saved: Map<number, SavedDay>,
  ): void {
    const first = days[0];
    const last = days[days.length - 1];
    if (!first || !last) return;
    const s = statements(this.db);
    const created: BulkDay[] = [];
    for (const d of days) {
      const before = saved.get(d.day);
      if (!before) {
        created.push(d);
        continue;
      }
      const version = nextVersion(before.version);
      s.update.run(
        d.status,
        d.classKey,
        d.minutesLate,
        d.note,
        this.recorderKey,
        version,
        studentKey,
        d.day,
      );
      const date = dateOfEpochDay(d.day);
      recordChange(this.db, {
        schoolId: this.actor.schoolId,
        userId: this.actor.userId,
        table: 'attendance',
        rowId: attendanceRowId(studentId, date),
        before: this.image(before, this.idOf(before.classKey), this.idOf(before.recorderKey)),
        after: this.image(
          { ...d, version, deletedAt: null },
          this.idOf(d.classKey),
          this.actor.userId,
        ),
        version,
        action: 'import',
        queued: true,
      });
    }
    this.insertDays(studentKey, created);
    recordRun(this.db, 'attendance', studentKey, first.day, last.day);
  }

  /**
   * Inserts a student's new days, `INSERT_BATCH` rows a statement (the rest one by one): one
   * call binds the student, the recorder and the first of the rows' consecutive versions once
   * for all of them, and the class too when the rows share it and have no minutes or note.
   * Measured on 200,000 rows: a third of the CPU time of one statement a row.
   */
  private insertDays(studentKey: number, created: readonly BulkDay[]): void {
    if (created.length === 0) return;
    const version = reserveVersions(created.length);
    const shared = { student: studentKey, recorder: this.recorderKey, version: 0 };
    let i = 0;
    for (; i + INSERT_BATCH <= created.length; i += INSERT_BATCH) {
      shared.version = version + i;
      const classKey = plainClass(created, i);
      if (classKey === undefined) this.fullBatch.run(this.fullRows(created, i), shared);
      else this.plainBatch.run(this.plainRows(created, i), { ...shared, class: classKey });
    }
    const s = statements(this.db);
    for (; i < created.length; i++) {
      const d = created[i] as BulkDay;
      s.insert.run(
        studentKey,
        d.day,
        d.status,
        d.classKey,
        d.minutesLate,
        d.note,
        this.recorderKey,
        version + i,
      );
    }
  }

  /** The values of `INSERT_BATCH` rows from `from` on, for `fullBatchSql`. */
  private fullRows(created: readonly BulkDay[], from: number): (number | string | null)[] {
    const params = this.fullParams;
    for (let k = 0; k < INSERT_BATCH; k++) {
      const d = created[from + k] as BulkDay;
      const at = k * BATCH_COLUMNS;
      params[at] = d.day;
      params[at + 1] = d.status;
      params[at + 2] = d.classKey;
      params[at + 3] = d.minutesLate;
      params[at + 4] = d.note;
    }
    return params;
  }

  /** The day and status of `INSERT_BATCH` rows from `from` on, for `plainBatchSql`. */
  private plainRows(created: readonly BulkDay[], from: number): number[] {
    const params = this.plainParams;
    for (let k = 0; k < INSERT_BATCH; k++) {
      const d = created[from + k] as BulkDay;
      params[k * PLAIN_COLUMNS] = d.day;
      params[k * PLAIN_COLUMNS + 1] = d.status;
    }
    return params;
  }

  /** A saved day as the audit names it (the `attendance` view's columns, less the key). */
  private image(
    d: Omit<SavedDay, 'recorderKey'>,
    classId: string | null,
    recordedBy: string | null,
  ): Omit<AttendanceRow, 'student_id' | 'date'> {
    return {
      class_id: classId,
      status: attendanceStatuses[d.status] as AttendanceStatus,
      minutes_late: d.minutesLate,
      note: d.note,
      recorded_by: recordedBy,
      version: d.version,
      deleted_at: d.deletedAt,
    };
  }

  private idOf(key: number | null): string | null {
    if (key === null) return null;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = idOfLocalKey(this.db, key);
      this.ids.set(key, id);
    }
    return id;
  }
}

/** A pulled day, tombstone included, over the day saved here. */
const upsertPulledDaySql = `${insertSql('attendance_days', [...writtenDayColumns, 'deleted_at'], [])}
  ON CONFLICT (student_key, day) DO UPDATE SET status = excluded.status,
    class_key = excluded.class_key, minutes_late = excluded.minutes_late, note = excluded.note,
    recorded_by_key = excluded.recorded_by_key, version = excluded.version,
    deleted_at = excluded.deleted_at`;

/**
 * Writes an attendance row pulled from the central server as the server has it (its version
 * included), recorded in the change log's pulled mode (`recordPulled`, inside `withPull`): no
 * outbox entry, so it does not travel back.
 */
export function applyPulledAttendance(db: Db, row: Record<string, unknown>): void {
  const studentId = String(row.student_id);
  const key = (id: unknown) => (typeof id === 'string' ? localKey(db, id) : null);
  prepared(db, upsertPulledDaySql).run(
    localKey(db, studentId),
    epochDay(
      row.date instanceof Date
        ? row.date.toISOString().slice(0, 10)
        : String(row.date).slice(0, 10),
    ),
    attendanceStatusCode(row.status as AttendanceStatus),
    key(row.class_id),
    row.minutes_late ?? null,
    row.note ?? null,
    key(row.recorded_by),
    Number(row.version ?? 0),
    row.deleted_at ?? null,
  );
  recordPulled(db, 'attendance', studentId);
}
