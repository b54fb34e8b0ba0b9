import type { Db } from '../../../db';
import { isSyncedTable, type SyncedTable } from './synced-tables';

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
  row_id: string;
  version: number;
}

/** How many outbox entries wait after the checkpoint, for the Sync screen. */
export function pendingCount(db: Db, schoolId: string, afterSeq: number): number {
  const row = db
    .prepare(
      `SELECT count(DISTINCT table_name || ':' || row_id) AS n FROM sync_outbox
        WHERE school_id = ? AND seq > ?`,
    )
    .get(schoolId, afterSeq) as { n: number };
  return row.n;
}

/** The newest outbox entry of the school (0 when there is none). */
export function lastSeq(db: Db, schoolId: string): number {
  const row = db
    .prepare('SELECT max(seq) AS s FROM sync_outbox WHERE school_id = ?')
    .get(schoolId) as { s: number | null };
  return row.s ?? 0;
}

/**
 * Reads up to `limit` outbox entries after `afterSeq`, keeps the latest entry per row, and reads
 * each row as it stands now with the given columns. Null when nothing waits.
 */
export function readOutboxBatch(
  db: Db,
  schoolId: string,
  afterSeq: number,
  limit: number,
  columnsOf: (table: SyncedTable) => readonly string[],
): OutboxBatch | null {
  const entries = db
    .prepare(
      `SELECT seq, table_name, row_id, version FROM sync_outbox
        WHERE school_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    )
    .all(schoolId, afterSeq, limit) as Entry[];
  const last = entries.at(-1);
  if (!last) return null;
  const latest = new Map<SyncedTable, Map<string, number>>();
  for (const e of entries) {
    if (!isSyncedTable(e.table_name)) continue;
    let ids = latest.get(e.table_name);
    if (!ids) latest.set(e.table_name, (ids = new Map()));
    ids.set(e.row_id, e.version);
  }
  const rows = new Map<SyncedTable, Row[]>();
  const gone: OutboxBatch['gone'] = [];
  for (const [table, ids] of latest) {
    const cols = columnsOf(table);
    const found: Row[] = [];
    const all = [...ids.keys()];
    for (let i = 0; i < all.length; i += 500) {
      const chunk = all.slice(i, i + 500);
      const read = db
        .prepare(
          `SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM ${table}
            WHERE id IN (${chunk.map(() => '?').join(', ')})`,
        )
        .all(...chunk) as Row[];
      found.push(...read);
    }
    const seen = new Set(found.map((r) => String(r.id)));
    for (const [id, version] of ids) if (!seen.has(id)) gone.push({ table, id, version });
    if (found.length) rows.set(table, found);
  }
  return { throughSeq: last.seq, rows, gone, entries: entries.length };
}
