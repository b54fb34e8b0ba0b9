import type { Statement } from 'better-sqlite3';
import { newId, nextVersion, type Db } from '../../../db';

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

interface Statements {
  audit: Statement;
  outbox: Statement;
  stamp: Map<string, Statement>;
}

/** Prepared once per database: every write in the app passes through here. */
const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      audit: db.prepare(
        `INSERT INTO audit_log (id, school_id, user_id, action, entity, entity_id, before, after)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      outbox: db.prepare(
        `INSERT INTO sync_outbox (school_id, table_name, row_id, version, op, payload)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      stamp: new Map(),
    };
    cache.set(db, s);
  }
  return s;
}

/**
 * The bookkeeping every write owes, in the caller's transaction: a new clock value on the row,
 * an audit entry (who, what, before, after) and an outbox entry for sync.
 */
export function recordChange(db: Db, change: Change): void {
  const s = statements(db);
  const version = nextVersion(change.before?.version ?? 0);
  if (change.after) {
    let stamp = s.stamp.get(change.table);
    if (!stamp) {
      stamp = db.prepare(`UPDATE ${change.table} SET version = ? WHERE id = ?`);
      s.stamp.set(change.table, stamp);
    }
    stamp.run(version, change.rowId);
  }
  const after = change.after ? { ...change.after, version } : null;
  const action =
    change.action ??
    (after === null || after.deleted_at ? 'delete' : change.before ? 'update' : 'create');
  s.audit.run(
    newId(),
    change.schoolId,
    change.userId,
    action,
    change.table,
    change.rowId,
    change.before ? JSON.stringify(change.before) : null,
    after ? JSON.stringify(after) : null,
  );
  s.outbox.run(
    change.schoolId,
    change.table,
    change.rowId,
    version,
    after && !after.deleted_at ? 'upsert' : 'delete',
    after ? null : JSON.stringify({ id: change.rowId }),
  );
}
