import type { Db } from '../../../db';
import { splitOwnedKey, type RunSpan } from '../services/changes';
import { isSyncedTable, schoolColumn, type SyncedTable } from './synced-tables';

/**
 * The one place sync reads the laptop's outbox (core owns its layout): when that layout changes,
 * this file is what changes.
 */

export type Row = Record<string, unknown>;

export interface OutboxBatch {
  /** The last outbox entry this batch covers; the push checkpoint moves here once it commits. */
  throughSeq: number;
  /** The current row of every changed row, by table; tombstoned rows carry their deleted_at. */
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
 * one integer (the student's local key * 65536 + the day), read back through the `attendance`
 * view, whose `id` is the natural key `studentId/YYYY-MM-DD`; an import's run entry (day part
 * 65535) stands for the student's rows between the days in its payload. A laptop holds one school, so the
 * entries are not filtered by school; the rows read are.
 */
const entriesSql = `SELECT c.seq, t.name AS table_name, c.row_key, c.payload
  FROM sync_changes c JOIN sync_tables t ON t.code = c.table_code`;

/** How many rows wait after the checkpoint, for the Sync screen (a run entry counts its rows). */
export function pendingCount(db: Db, _schoolId: string, afterSeq: number): number {
  const runs = `t.name = 'attendance' AND c.row_key % 65536 = 65535`;
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
         WHERE a.student_key = c.row_key / 65536
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
  const entries = db
    .prepare(`${entriesSql} WHERE c.seq > ? ORDER BY c.seq LIMIT ?`)
    .all(afterSeq, limit) as Entry[];
  const last = entries.at(-1);
  if (!last) return null;
  const latest = new Map<SyncedTable, Entry[]>();
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
    const found: Row[] = [];
    if (table === 'attendance') {
      // Single rows by one statement over the batch's range of the outbox (a statement per row
      // cost three times as much); seq is the rowid, so the range is read in place.
      const a = columnsOf(table)
        .map((c) => `a."${c}"`)
        .join(', ');
      found.push(
        ...(db
          .prepare(
            `SELECT ${a} FROM sync_changes c
               JOIN attendance a ON a.student_key = c.row_key / 65536 AND a.day = c.row_key % 65536
              WHERE c.seq > ? AND c.seq <= ? AND +c.table_code = (SELECT code FROM sync_tables
                WHERE name = 'attendance') AND c.row_key % 65536 <> 65535 AND a.school_id = ?`,
          )
          .all(afterSeq, last.seq, schoolId) as Row[]),
      );
      const readRun = db.prepare(
        `SELECT ${cols} FROM attendance WHERE student_key = ? AND day BETWEEN ? AND ?
           AND school_id = ?`,
      );
      for (const e of list) {
        const key = splitOwnedKey(Number(e.row_key));
        if (!key.run) continue;
        // A run entry (an import's bulk mode): every row of the student in its span.
        const span = JSON.parse(e.payload ?? '{}') as RunSpan;
        found.push(...(readRun.all(key.owner, span.from, span.to, schoolId) as Row[]));
      }
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
  return { throughSeq: last.seq, rows, gone, entries: entries.length };
}
