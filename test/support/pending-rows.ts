import type { Db } from '../../db';
import { readOutboxBatch } from '../../main/backend/sync/outbox-reader';

/**
 * What sync would push from the outbox, read by sync's own reader (there is no second one): each
 * row as `table id op`, where `op` is `delete` for a row that travels deleted (soft-deleted, sent
 * with its `deleted_at`, or hard-deleted, sent as a tombstone) and `upsert` for the rest;
 * attendance by its natural key `studentId/YYYY-MM-DD`. Sorted: the reader answers by table, not
 * in the outbox's order.
 */
export function pendingRows(db: Db): string[] {
  const schoolId = db.prepare('SELECT id FROM schools').pluck().get() as string;
  const columns = ['id', 'deleted_at'];
  const batch = readOutboxBatch(db, schoolId, 0, 10_000_000, () => columns);
  if (!batch) return [];
  const out: string[] = [];
  for (const [table, rows] of batch.rows)
    for (const row of rows)
      out.push(`${table} ${String(row.id)} ${row.deleted_at === null ? 'upsert' : 'delete'}`);
  for (const g of batch.gone) out.push(`${g.table} ${g.id} delete`);
  return out.sort();
}
