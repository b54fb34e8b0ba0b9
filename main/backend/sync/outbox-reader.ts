import { attendanceStatuses } from '../../../contract/domains/records-register';
import { storedTables, tables, type AttendanceDayTuple, type ColumnOf, type Db } from '../../../db';
import { dateOfEpochDay } from '../features/packed-attendance';
import {
  ownedKeySql,
  ownedRowKey,
  ownedRunKey,
  splitOwnedKey,
  type RunSpan,
} from '../services/changes';
import { isSyncedTable, schoolColumn, type SyncedTable } from './synced-tables';

/**
 * The one place sync reads the laptop's outbox (core owns its layout): when that layout changes,
 * this file is what changes.
 */

export type Row = Record<string, unknown>;

export interface OutboxBatch {
  /** The last outbox entry this batch covers; the push checkpoint moves here once it commits. */
  throughSeq: number;
  /**
   * The current row of every changed row, by table; tombstoned rows carry their deleted_at.
   * Attendance rows read with their id come in key order (by id), the order the server inserts
   * them in (merge-sql.ts).
   */
  rows: Map<SyncedTable, Row[]>;
  /** Rows that no longer exist here at all (hard deletes): sent as tombstones. */
  gone: { table: SyncedTable; id: string; version: number }[];
  /** Entries read, including ones for tables that never leave the laptop. */
  entries: number;
}

interface Entry {
  seq: number;
  table_name: string;
  row_key: string | number;
  payload: string | null;
}

/*
 * The outbox (migration 0009, docs/storage.md) keeps one entry per row, its latest change, in
 * `sync_changes`: the table by a code from `sync_tables`, the row by its id, or for attendance by
 * one integer made of the student's local key and the day (`ownedRowKey`, decoded in SQL by
 * `ownedKeySql`, both in services/changes.ts), read back through the `attendance` view, whose `id`
 * is the natural key `studentId/YYYY-MM-DD`; an import's run entry (`recordRun`) stands for the
 * student's rows between the days in its payload. A laptop holds one school, so the entries are
 * not filtered by school; the rows read are.
 */
const keyStudent = ownedKeySql.owner('c.row_key');
const keyDay = ownedKeySql.day('c.row_key');
const entriesSql = `SELECT c.seq, t.name AS table_name, c.row_key, c.payload
  FROM sync_changes c JOIN sync_tables t ON t.code = c.table_code`;

type AttendanceLocal = (typeof tables.attendance.localOnly)[number];
/** A column of the `attendance` view that travels. */
type CompactColumn = Exclude<ColumnOf<'attendance'>, AttendanceLocal>;

/**
 * The columns the compact read below makes: the `attendance` view's that travel (its
 * description's, less its local-only ones). A row it makes is typed by them, so a column added
 * to the description is one the read must make too.
 */
export const compactAttendanceColumns: readonly CompactColumn[] = tables.attendance.columns.filter(
  (c): c is CompactColumn => !(tables.attendance.localOnly as readonly string[]).includes(c),
);
const compactColumns = new Set<string>(compactAttendanceColumns);
const dayColumns = storedTables.attendance_days.columns.map((c) => `a.${c}`).join(', ');

/**
 * The single attendance entries in (afterSeq, throughSeq] and their rows as the `attendance`
 * view gives them, read from `attendance_days` as integers: local keys become UUIDs and days
 * dates in memory, from maps made once per batch. The view computes the same per row in SQL
 * (two joins, its date twice, the id), which made reading a first push's outbox most of the
 * laptop's time. Falls back to the view for columns it does not make. Rows of students of
 * another school are not read, as the view's school filter would not.
 */
function readSingleAttendance(
  db: Db,
  schoolId: string,
  afterSeq: number,
  throughSeq: number,
  columns: readonly string[],
): Row[] {
  const single = `c.seq > ? AND c.seq <= ? AND +c.table_code = (SELECT code FROM sync_tables
    WHERE name = 'attendance') AND ${ownedKeySql.isRow('c.row_key')}`;
  if (!columns.every((c) => compactColumns.has(c))) {
    // Single rows by one statement over the batch's range of the outbox (a statement per row
    // cost three times as much); seq is the rowid, so the range is read in place.
    return db
      .prepare(
        `SELECT ${columns.map((c) => `a."${c}"`).join(', ')} FROM sync_changes c
           JOIN attendance a ON a.student_key = ${keyStudent} AND a.day = ${keyDay}
          WHERE ${single} AND a.school_id = ?`,
      )
      .all(afterSeq, throughSeq, schoolId) as Row[];
  }
  const students = new Map(
    db
      .prepare(
        `SELECT k.key, k.id FROM local_keys k JOIN students s ON s.id = k.id WHERE s.school_id = ?`,
      )
      .raw()
      .all(schoolId) as [number, string][],
  );
  // The batch's keys first, sorted: a key is the student's local key then the day, the order of
  // attendance_days' primary key, so the lookups below walk its pages once, in order. In the
  // outbox's order (a day of every student, then the next day) each lookup landed on another
  // page, and a first push read most pages from disk again per batch (measured 0.9-1.0 s of CPU
  // per 100,000 rows, against 0.45 s in key order).
  const found = db
    .prepare(
      `WITH k AS MATERIALIZED (SELECT c.row_key FROM sync_changes c WHERE ${single}
          ORDER BY c.row_key)
       SELECT ${dayColumns}
       FROM k JOIN attendance_days a ON a.student_key = ${ownedKeySql.owner('k.row_key')}
         AND a.day = ${ownedKeySql.day('k.row_key')}`,
    )
    .raw()
    .all(afterSeq, throughSeq) as AttendanceDayTuple[];
  const others = new Map<number, string | null>();
  const idOf = (key: number | null): string | null => {
    if (key === null) return null;
    let id = others.get(key);
    if (id === undefined) {
      id = (db.prepare('SELECT id FROM local_keys WHERE key = ?').pluck().get(key) ?? null) as
        string | null;
      others.set(key, id);
    }
    return id;
  };
  // Rows come by student (local key), each student's by day; the central key is the student's id
  // then the day, so the students' runs are put in id order: the server inserts the batch in
  // its key order without sorting it (merge-sql.ts).
  const runs: { studentId: string; from: number; to: number }[] = [];
  for (let i = 0; i < found.length;) {
    const key = (found[i] as AttendanceDayTuple)[0];
    let j = i + 1;
    while (j < found.length && (found[j] as AttendanceDayTuple)[0] === key) j++;
    const studentId = students.get(key);
    if (studentId !== undefined) runs.push({ studentId, from: i, to: j });
    i = j;
  }
  runs.sort((a, b) => (a.studentId < b.studentId ? -1 : a.studentId > b.studentId ? 1 : 0));
  const dates: string[] = [];
  const rows: Row[] = [];
  for (const { studentId, from, to } of runs) {
    for (let i = from; i < to; i++) {
      const [, day, status, classKey, late, note, recorder, version, deleted] = found[
        i
      ] as AttendanceDayTuple;
      const date = (dates[day] ??= dateOfEpochDay(day));
      const row: Record<CompactColumn, unknown> = {
        school_id: schoolId,
        id: `${studentId}/${date}`,
        student_id: studentId,
        class_id: idOf(classKey),
        date,
        status: attendanceStatuses[status] ?? 'excused',
        minutes_late: late,
        note,
        recorded_by: idOf(recorder),
        version,
        deleted_at: deleted,
      };
      rows.push(row);
    }
  }
  return rows;
}

/**
 * Sorts rows by id as the central key's "C" collation does, for ASCII ids such as
 * `uuid/YYYY-MM-DD` (JavaScript compares UTF-16 units; an id beyond ASCII only lands a little out
 * of place, which costs the server's index a page, not correctness). Rows read without an id stay
 * as they are.
 */
function inKeyOrder(rows: Row[]): void {
  if (!rows.length || !('id' in (rows[0] as Row))) return;
  rows.sort((a, b) => {
    const x = String(a.id);
    const y = String(b.id);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** How many rows wait after the checkpoint, for the Sync screen (a run entry counts its rows). */
export function pendingCount(db: Db, _schoolId: string, afterSeq: number): number {
  const runs = `t.name = 'attendance' AND ${ownedKeySql.isRun('c.row_key')}`;
  const single = db
    .prepare(
      `SELECT count(*) FROM sync_changes c JOIN sync_tables t ON t.code = c.table_code
       WHERE c.seq > ? AND NOT (${runs})`,
    )
    .pluck()
    .get(afterSeq) as number;
  const inRuns = db
    .prepare(
      `SELECT coalesce(sum((SELECT count(*) FROM attendance_days a
         WHERE a.student_key = ${keyStudent}
           AND a.day BETWEEN c.payload ->> 'from' AND c.payload ->> 'to')), 0)
       FROM sync_changes c JOIN sync_tables t ON t.code = c.table_code
       WHERE c.seq > ? AND ${runs}`,
    )
    .pluck()
    .get(afterSeq) as number;
  return single + inRuns;
}

/** The newest outbox entry (0 when there is none). */
export function lastSeq(db: Db, _schoolId: string): number {
  return (db.prepare('SELECT max(seq) FROM sync_changes').pluck().get() as number | null) ?? 0;
}

/**
 * Reads up to `limit` outbox entries after `afterSeq` and each changed row as it stands now with
 * the given columns. Null when nothing waits.
 */
export function readOutboxBatch(
  db: Db,
  schoolId: string,
  afterSeq: number,
  limit: number,
  columnsOf: (table: SyncedTable) => readonly string[],
): OutboxBatch | null {
  const range = db
    .prepare(
      `SELECT count(*) AS n, max(seq) AS last
         FROM (SELECT seq FROM sync_changes WHERE seq > ? ORDER BY seq LIMIT ?)`,
    )
    .get(afterSeq, limit) as { n: number; last: number | null };
  if (range.last === null) return null;
  const last = range.last;
  // Single attendance entries, most of a first push's, are read with their rows below.
  const entries = db
    .prepare(
      `${entriesSql} WHERE c.seq > ? AND c.seq <= ? AND NOT (c.table_code = coalesce((SELECT code
         FROM sync_tables WHERE name = 'attendance'), -1) AND ${ownedKeySql.isRow('c.row_key')})
       ORDER BY c.seq`,
    )
    .all(afterSeq, last) as Entry[];
  const latest = new Map<SyncedTable, Entry[]>([['attendance', []]]);
  for (const e of entries) {
    if (!isSyncedTable(e.table_name)) continue;
    let list = latest.get(e.table_name);
    if (!list) latest.set(e.table_name, (list = []));
    list.push(e);
  }
  const rows = new Map<SyncedTable, Row[]>();
  const gone: OutboxBatch['gone'] = [];
  for (const [table, list] of latest) {
    const cols = columnsOf(table)
      .map((c) => `"${c}"`)
      .join(', ');
    let found: Row[] = [];
    if (table === 'attendance') {
      found = readSingleAttendance(db, schoolId, afterSeq, last, columnsOf(table));
      const sorted = columnsOf(table).every((c) => compactColumns.has(c));
      const sortedCount = found.length;
      const readRun = db.prepare(
        `SELECT ${cols} FROM attendance WHERE student_key = ? AND day BETWEEN ? AND ?
           AND school_id = ?`,
      );
      for (const e of list) {
        const key = splitOwnedKey(Number(e.row_key));
        if (!key.run) continue;
        // A run entry (an import's bulk mode): every row of the student in its span.
        const span = JSON.parse(e.payload ?? '{}') as RunSpan;
        for (const row of readRun.all(key.owner, span.from, span.to, schoolId) as Row[])
          found.push(row);
      }
      if (!sorted || found.length > sortedCount) inKeyOrder(found);
    } else {
      const ids = list.map((e) => String(e.row_key));
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const read = db
          .prepare(
            `SELECT ${cols} FROM ${table} WHERE id IN (${chunk.map(() => '?').join(', ')})
              AND ${schoolColumn(table)} = ?`,
          )
          .all(...chunk, schoolId) as Row[];
        found.push(...read);
      }
      const seen = new Set(found.map((r) => String(r.id)));
      for (const e of list) {
        const deleted = e.payload
          ? (JSON.parse(e.payload) as { version?: number; school_id?: string })
          : null;
        if (!seen.has(String(e.row_key)) && deleted?.school_id === schoolId) {
          gone.push({ table, id: String(e.row_key), version: deleted.version ?? 0 });
        }
      }
    }
    if (found.length) rows.set(table, found);
  }
  return { throughSeq: last, rows, gone, entries: range.n };
}

/**
 * The rows of one table (not attendance) with an entry after `afterSeq`, as they stand, with the
 * given columns: what the next push will send of it. Sync asks the server about these parents
 * before sending anything (sync/adopt.ts).
 */
export function pendingRows(
  db: Db,
  schoolId: string,
  table: SyncedTable,
  afterSeq: number,
  columns: readonly string[],
): Row[] {
  return db
    .prepare(
      // By the (table, row) index: a first push's million attendance entries are not read.
      `SELECT ${columns.map((c) => `r."${c}"`).join(', ')} FROM sync_changes c
         JOIN ${table} r ON r.id = c.row_key
        WHERE c.table_code = (SELECT code FROM sync_tables WHERE name = ?) AND c.seq > ?
          AND r.${schoolColumn(table)} = ?`,
    )
    .all(table, afterSeq, schoolId) as Row[];
}

/** Whether a row's latest change (by id) still waits after `afterSeq`, i.e. was never sent. */
export function queuedAfter(db: Db, table: SyncedTable, id: string, afterSeq: number): boolean {
  const seq = db
    .prepare(
      `SELECT seq FROM sync_changes
        WHERE table_code = (SELECT code FROM sync_tables WHERE name = ?) AND row_key = ?`,
    )
    .pluck()
    .get(table, id) as number | undefined;
  return seq !== undefined && seq > afterSeq;
}

/**
 * Whether one attendance row's latest change still waits after `afterSeq`: its own entry, or
 * an import's run entry of the student whose span holds the day.
 */
export function attendanceQueuedAfter(
  db: Db,
  studentKey: number,
  day: number,
  afterSeq: number,
): boolean {
  const code = `(SELECT code FROM sync_tables WHERE name = 'attendance')`;
  const single = db
    .prepare(`SELECT seq FROM sync_changes WHERE table_code = ${code} AND row_key = ?`)
    .pluck()
    .get(ownedRowKey(studentKey, day)) as number | undefined;
  if (single !== undefined && single > afterSeq) return true;
  const run = db
    .prepare(`SELECT seq, payload FROM sync_changes WHERE table_code = ${code} AND row_key = ?`)
    .get(ownedRunKey(studentKey)) as { seq: number; payload: string } | undefined;
  if (!run || run.seq <= afterSeq) return false;
  const span = JSON.parse(run.payload) as RunSpan;
  return day >= span.from && day <= span.to;
}
