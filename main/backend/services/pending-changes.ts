import { prepared, type Db } from '../../../db';
import { dateOfEpochDay } from '../features/packed-attendance';

/**
 * One row waiting to be sent: the latest change of that row (the outbox keeps one per row).
 * `rowId` is the row's global id: its UUID, or for attendance its natural key `studentId/date`.
 * `op` is 'upsert' for a row that exists (read it from its table when pushing: it may have
 * changed again since, and the outbox entry then stands for that later version too) and
 * 'delete' for a hard-deleted row, whose last identity is in `payload`
 * (`{ id, school_id, version }`). Soft deletes are upserts of a row with `deleted_at` set.
 */
export interface PendingChange {
  seq: number;
  table: string;
  rowId: string;
  op: 'upsert' | 'delete';
  payload: unknown;
}

/**
 * The outbox in the order changes were made, after `afterSeq` (0 for the start), at most `limit`
 * entries. Sync pushes them and then advances its checkpoint to the last `seq` pushed; an entry
 * stays until removed, and a row changed again later comes back with a higher `seq`.
 */
export function readPendingChanges(db: Db, afterSeq: number, limit: number): PendingChange[] {
  const rows = prepared(
    db,
    `SELECT c.seq, t.name AS table_name, c.row_key, c.deleted, c.payload, k.id AS student_id
     FROM sync_changes c
     JOIN sync_tables t ON t.code = c.table_code
     LEFT JOIN local_keys k ON t.name = 'attendance' AND k.key = c.row_key / 65536
     WHERE c.seq > ? ORDER BY c.seq LIMIT ?`,
  ).all(afterSeq, limit) as {
    seq: number;
    table_name: string;
    row_key: string | number;
    deleted: 0 | 1;
    payload: string | null;
    student_id: string | null;
  }[];
  return rows.map((r) => ({
    seq: r.seq,
    table: r.table_name,
    rowId:
      r.table_name === 'attendance'
        ? `${r.student_id ?? '?'}/${dateOfEpochDay(Number(r.row_key) % 65536)}`
        : String(r.row_key),
    op: r.deleted ? 'delete' : 'upsert',
    payload: r.payload === null ? null : (JSON.parse(r.payload) as unknown),
  }));
}
