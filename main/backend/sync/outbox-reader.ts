import { nextVersion, type Db } from '../../../db';
import { idOfLocalKey } from '../../../db/local-keys';
import { dateOfEpochDay } from '../features/packed-attendance';
import { attendanceRowId } from '../services/attendance-rows';
import { isSyncedTable, type SyncedTable } from './synced-tables';

/**
 * The one place sync reads the laptop's outbox (core owns its layout, migration 0009: one entry
 * per changed row, the latest, keyed by table and row; attendance rows by `studentKey:day`): when
 * that layout changes, this file is what changes. A laptop's database holds one school.
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
  row_id: string;
}

/** How many changed rows wait after the checkpoint, for the Sync screen. */
export function pendingCount(db: Db, _schoolId: string, afterSeq: number): number {
  const row = db.prepare('SELECT count(*) AS n FROM sync_outbox WHERE seq > ?').get(afterSeq) as {
    n: number;
  };
  return row.n;
}

/** The newest outbox entry (0 when there is none). */
export function lastSeq(db: Db, _schoolId: string): number {
  const row = db.prepare('SELECT max(seq) AS s FROM sync_outbox').get() as { s: number | null };
  return row.s ?? 0;
}

const CHUNK = 250;

/** The row's id as everything off this laptop names it. */
function idOfKey(db: Db, table: SyncedTable, key: string): string {
  if (table !== 'attendance') return key;
  const [studentKey = 0, day = 0] = key.split(':').map(Number);
  return attendanceRowId(idOfLocalKey(db, studentKey) ?? '', dateOfEpochDay(day));
}

/** Reads rows by their outbox keys, in chunks; attendance by (student key, day). */
function readRows(
  db: Db,
  table: SyncedTable,
  keys: string[],
  cols: readonly string[],
): Map<string, Row> {
  const found = new Map<string, Row>();
  const stored = cols.filter((c) => !(table === 'attendance' && c === 'id'));
  const list = stored.map((c) => `"${c}"`).join(', ');
  for (let i = 0; i < keys.length; i += CHUNK) {
    const chunk = keys.slice(i, i + CHUNK);
    if (table === 'attendance') {
      const pairs = chunk.map((k) => k.split(':').map(Number) as [number, number]);
      const rows = db
        .prepare(
          `SELECT ${list}, student_key || ':' || day AS outbox_key FROM attendance
            WHERE (student_key, day) IN (VALUES ${pairs.map(() => '(?, ?)').join(', ')})`,
        )
        .all(...pairs.flat()) as Row[];
      for (const r of rows) {
        const key = String(r.outbox_key);
        delete r.outbox_key;
        r.id = attendanceRowId(String(r.student_id), String(r.date));
        found.set(key, r);
      }
    } else {
      const rows = db
        .prepare(`SELECT ${list} FROM ${table} WHERE id IN (${chunk.map(() => '?').join(', ')})`)
        .all(...chunk) as Row[];
      for (const r of rows) found.set(String(r.id), r);
    }
  }
  return found;
}

/**
 * Reads up to `limit` outbox entries after `afterSeq` and each row as it stands now, with the
 * given columns. Null when nothing waits.
 */
export function readOutboxBatch(
  db: Db,
  _schoolId: string,
  afterSeq: number,
  limit: number,
  columnsOf: (table: SyncedTable) => readonly string[],
): OutboxBatch | null {
  const entries = db
    .prepare('SELECT seq, table_name, row_id FROM sync_outbox WHERE seq > ? ORDER BY seq LIMIT ?')
    .all(afterSeq, limit) as Entry[];
  const last = entries.at(-1);
  if (!last) return null;
  const keysOf = new Map<SyncedTable, string[]>();
  for (const e of entries) {
    if (!isSyncedTable(e.table_name)) continue;
    let keys = keysOf.get(e.table_name);
    if (!keys) keysOf.set(e.table_name, (keys = []));
    keys.push(e.row_id);
  }
  const rows = new Map<SyncedTable, Row[]>();
  const gone: OutboxBatch['gone'] = [];
  for (const [table, keys] of keysOf) {
    const found = readRows(db, table, keys, columnsOf(table));
    for (const key of keys) {
      // A row hard-deleted here: its deletion is newer than any version the server holds.
      if (!found.has(key))
        gone.push({ table, id: idOfKey(db, table, key), version: nextVersion() });
    }
    if (found.size) rows.set(table, [...found.values()]);
  }
  return { throughSeq: last.seq, rows, gone, entries: entries.length };
}
