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
    `SELECT o.seq, o.table_name, o.row_id, o.op, o.payload, k.id AS student_id
     FROM sync_outbox o
     LEFT JOIN local_keys k ON o.table_name = 'attendance'
       AND k.key = CAST(substr(o.row_id, 1, instr(o.row_id, ':') - 1) AS INTEGER)
     WHERE o.seq > ? ORDER BY o.seq LIMIT ?`,
  ).all(afterSeq, limit) as {
    seq: number;
    table_name: string;
    row_id: string;
    op: 'upsert' | 'delete';
    payload: string | null;
    student_id: string | null;
  }[];
  return rows.map((r) => ({
    seq: r.seq,
    table: r.table_name,
    rowId:
      r.table_name === 'attendance'
        ? `${r.student_id ?? '?'}/${dateOfEpochDay(Number(r.row_id.slice(r.row_id.indexOf(':') + 1)))}`
        : r.row_id,
    op: r.op,
    payload: r.payload === null ? null : (JSON.parse(r.payload) as unknown),
  }));
}
