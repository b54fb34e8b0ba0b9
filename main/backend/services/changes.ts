import { newId, nextVersion, prepared, type Db } from '../../../db';

export interface Change {
  schoolId: string;
  table: string;
  rowId: string;
  userId: string | null;
  before: ({ version?: number } & object) | null;
  /** The row as it now stands; null when it was hard-deleted. */
  after: ({ version?: number; deleted_at?: string | null } & object) | null;
  action?: 'create' | 'update' | 'delete' | 'import';
}

/**
 * The bookkeeping every write owes, in the caller's transaction: a new clock value on the row,
 * an audit entry (who, what, before, after) and an outbox entry for sync.
 */
export function recordChange(db: Db, change: Change): void {
  const version = nextVersion(change.before?.version ?? 0);
  if (change.after) {
    prepared(db, `UPDATE ${change.table} SET version = ? WHERE id = ?`).run(version, change.rowId);
  }
  const after = change.after ? { ...change.after, version } : null;
  const action =
    change.action ??
    (after === null || after.deleted_at ? 'delete' : change.before ? 'update' : 'create');
  prepared(
    db,
    `INSERT INTO audit_log (id, school_id, user_id, action, entity, entity_id, before, after)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    newId(),
    change.schoolId,
    change.userId,
    action,
    change.table,
    change.rowId,
    change.before ? JSON.stringify(change.before) : null,
    after ? JSON.stringify(after) : null,
  );
  prepared(
    db,
    `INSERT INTO sync_outbox (school_id, table_name, row_id, version, op, payload)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    change.schoolId,
    change.table,
    change.rowId,
    version,
    after && !after.deleted_at ? 'upsert' : 'delete',
    after ? null : JSON.stringify({ id: change.rowId }),
  );
}
