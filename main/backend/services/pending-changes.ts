import { prepared, type Db } from '../../../db';
import { dateOfEpochDay } from '../features/packed-attendance';
import { splitOwnedKey, type RunSpan } from './changes';

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
  const out: PendingChange[] = [];
  for (const r of rows) {
    const base = { seq: r.seq, table: r.table_name, op: r.deleted ? 'delete' : 'upsert' } as const;
    if (r.table_name !== 'attendance') {
      const payload = r.payload === null ? null : (JSON.parse(r.payload) as unknown);
      out.push({ ...base, rowId: String(r.row_key), payload });
      continue;
    }
    const key = splitOwnedKey(Number(r.row_key));
    const student = r.student_id ?? '?';
    // A run entry (an import's bulk mode) stands for every saved day of the student in its span.
    const days = key.run
      ? savedDaysIn(db, key.owner, JSON.parse(r.payload ?? '{}') as RunSpan)
      : [key.day];
    for (const day of days)
      out.push({ ...base, rowId: `${student}/${dateOfEpochDay(day)}`, payload: null });
  }
  return out;
}

/** The days a student has rows on within a run entry's span. */
export function savedDaysIn(db: Db, studentKey: number, span: RunSpan): number[] {
  return prepared(
    db,
    'SELECT day FROM attendance_days WHERE student_key = ? AND day BETWEEN ? AND ? ORDER BY day',
  )
    .pluck()
    .all(studentKey, span.from, span.to) as number[];
}
