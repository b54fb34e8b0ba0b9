import type { ChangedTable } from '../../../contract';
import { nextVersion, noteChanged, prepared, type Db } from '../../../db';
import { appendAudit } from './audit-chain';
import { encodeChanges, type ChangedRow } from './audit-changes';

/** A row as a writer saw it; `version` is the row's clock, `deleted_at` its tombstone. */
export type RowImage = { version?: number | null; deleted_at?: string | null } & object;

export interface Change {
  schoolId: string;
  table: ChangedTable;
  /** The row's id; attendance rows by their natural key, `studentId/date`. */
  rowId: string;
  userId: string | null;
  before: RowImage | null;
  /** The row as it now stands; null when it was hard-deleted. */
  after: RowImage | null;
  action?: 'create' | 'update' | 'delete' | 'import';
  /**
   * The version the writer already stamped on the row with the write itself (attendance does);
   * otherwise the change log stamps a new one on `table` by id.
   */
  version?: number;
  /** The outbox's key for the row when it is not `rowId` (attendance: `ownedRowKey`). */
  outboxKey?: number;
  /**
   * A row an operation's own entry already accounts for (an imported file's new rows, which
   * the file's entry counts): outbox only, no line in the audit.
   */
  unaudited?: boolean;
  /** An outbox run entry (`recordRun`) already stands for the row: no entry of its own. */
  queued?: boolean;
}

/** What an operation's audit entry says of itself: who did it, to which table, and why. */
export interface Operation {
  schoolId: string;
  userId: string | null;
  action: 'create' | 'update' | 'delete' | 'import' | 'other';
  entity: string;
  entityId?: string | null;
  /** What the operation was (a register's class and date, an import's file and counts). */
  context?: object | null;
}

interface OpenOperation extends Operation {
  rows: ChangedRow[];
  /** Outbox table codes read in this operation's transaction (they cannot roll back under it). */
  codes: Map<string, number>;
}

const openOperations = new WeakMap<Db, OpenOperation>();

/** Columns an audit entry carries itself, or that change on every write: never audited twice. */
const bookkeeping = new Set(['id', 'school_id', 'created_at', 'updated_at', 'version']);

/**
 * Only what changed: a created row's values (without bookkeeping or empty columns), a deleted
 * row's last values, or for an edit the changed columns before and after.
 */
export function changedColumns(
  before: object | null,
  after: object | null,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  const b = before as Record<string, unknown> | null;
  const a = after as Record<string, unknown> | null;
  // Loops over the keys, not Object.entries and fromEntries: every write of every save comes
  // here, and the arrays those make were a twentieth of a register save's garbage.
  if (!b) {
    if (!a) return { before: null, after: null };
    const created: Record<string, unknown> = {};
    for (const k in a) if (!bookkeeping.has(k) && a[k] !== null) created[k] = a[k];
    return { before: null, after: created };
  }
  if (!a) {
    const deleted: Record<string, unknown> = {};
    for (const k in b) if (!bookkeeping.has(k)) deleted[k] = b[k];
    return { before: deleted, after: null };
  }
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const k in a) {
    if (bookkeeping.has(k) || a[k] === b[k]) continue;
    was[k] = b[k] ?? null;
    now[k] = a[k] ?? null;
  }
  return { before: was, after: now };
}

/**
 * The outbox's code for a table name, made on first use. Read from the database every time, not
 * kept in memory: a code made inside a transaction that rolls back (a dry-run import) is gone,
 * and a remembered one would then break the outbox's foreign key.
 */
function tableCode(db: Db, table: string): number {
  const codes = openOperations.get(db)?.codes;
  const known = codes?.get(table);
  if (known !== undefined) return known;
  const code = readTableCode(db, table);
  codes?.set(table, code);
  return code;
}

function readTableCode(db: Db, table: string): number {
  const select = prepared(db, 'SELECT code FROM sync_tables WHERE name = ?').pluck();
  const code = select.get(table) as number | undefined;
  if (code !== undefined) return code;
  return Number(
    prepared(db, 'INSERT INTO sync_tables (name) VALUES (?)').run(table).lastInsertRowid,
  );
}

function writeOutbox(
  db: Db,
  table: string,
  key: string | number,
  deleted: boolean,
  payload: string | null,
) {
  // REPLACE drops the row's earlier entry: the outbox holds the latest change of each row, and
  // a fresh seq puts it after everything already queued.
  prepared(
    db,
    `INSERT OR REPLACE INTO sync_changes (table_code, row_key, deleted, payload) VALUES (?, ?, ?, ?)`,
  ).run(tableCode(db, table), key, deleted ? 1 : 0, payload);
}

function writeAudit(
  db: Db,
  entry: Operation & { before: object | null; after: object | null; changes: string | null },
) {
  appendAudit(db, {
    school_id: entry.schoolId,
    user_id: entry.userId,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId ?? null,
    before: entry.before ? JSON.stringify(entry.before) : null,
    after: entry.after ? JSON.stringify(entry.after) : null,
    changes: entry.changes,
  });
}

/**
 * The bookkeeping every write owes, in the caller's transaction: a new clock value on the row
 * (unless the writer stamped it), the row's one outbox entry (replacing any earlier one), and
 * what changed for the audit: its own entry, or a line of the operation it is part of (see
 * `withOperation`). Answers the row's new version.
 */
export function recordChange(db: Db, change: Change): number {
  const version = change.version ?? nextVersion(change.before?.version ?? 0);
  if (change.after && change.version === undefined) {
    prepared(db, `UPDATE ${change.table} SET version = ? WHERE id = ?`).run(version, change.rowId);
  }
  const deleted = change.after === null || Boolean(change.after.deleted_at);
  noteChanged(db, change.table);
  if (!change.queued) {
    writeOutbox(
      db,
      change.table,
      change.outboxKey ?? change.rowId,
      deleted,
      change.after
        ? null
        : JSON.stringify({ id: change.rowId, school_id: change.schoolId, version }),
    );
  }
  const operation = openOperations.get(db);
  if (operation && change.unaudited) return version;
  const diff = changedColumns(change.before, change.after);
  if (operation) {
    operation.rows.push([change.rowId, diff.before, diff.after]);
    return version;
  }
  const action = change.action ?? (deleted ? 'delete' : change.before ? 'update' : 'create');
  writeAudit(db, {
    schoolId: change.schoolId,
    userId: change.userId,
    action,
    entity: change.table,
    entityId: change.rowId,
    before: diff.before,
    after: diff.after,
    changes: null,
  });
  return version;
}

/**
 * Runs `write` as one audited operation (a register save, an import, a calendar range): every
 * change recorded inside goes to the outbox as usual, and the audit gets one entry for the
 * whole operation listing each changed row with only what changed, instead of one entry per
 * row. Call it inside the writer's transaction. `write` may set the entry's context once it
 * knows it (an import's counts). Nested calls join the outer operation. An operation that
 * changed nothing leaves no entry unless `write` set its context.
 */
export function withOperation<T>(
  db: Db,
  operation: Operation,
  write: (open: { context?: object | null | undefined }) => T,
): T {
  const outer = openOperations.get(db);
  if (outer) return write(outer);
  const open: OpenOperation = { ...operation, rows: [], codes: new Map() };
  openOperations.set(db, open);
  let result: T;
  try {
    result = write(open);
  } finally {
    openOperations.delete(db);
  }
  // Nothing changed: no entry, unless `write` itself said what happened (an import's counts).
  if (open.rows.length === 0 && (!open.context || open.context === operation.context))
    return result;
  writeAudit(db, {
    ...operation,
    entityId: operation.entityId ?? null,
    before: null,
    after: open.context ?? null,
    changes: open.rows.length > 0 ? encodeChanges(db, open.rows) : null,
  });
  return result;
}

/**
 * The change log's bulk mode, for a loader that has just inserted many new rows itself, each
 * already stamped with its version (the demo school's registers and marks): the rows' outbox
 * entries in one set-based statement instead of one per row, and their lines in the open
 * operation's audit entry exactly as `recordChange` would list created rows. Call it inside
 * `withOperation` (a bulk load is always one audited operation), in the writer's transaction.
 */
export function recordCreatedRows(
  db: Db,
  table: ChangedTable,
  rows: readonly { rowId: string; outboxKey?: number; after: object }[],
): void {
  const operation = openOperations.get(db);
  if (!operation) throw new Error('recordCreatedRows runs inside withOperation');
  if (rows.length === 0) return;
  noteChanged(db, table);
  // json_each keeps the keys' order, so the outbox's seq follows the rows as given.
  prepared(
    db,
    `INSERT OR REPLACE INTO sync_changes (table_code, row_key, deleted, payload)
     SELECT ?, value, 0, NULL FROM json_each(?)`,
  ).run(tableCode(db, table), JSON.stringify(rows.map((r) => r.outboxKey ?? r.rowId)));
  for (const r of rows) {
    const diff = changedColumns(null, r.after);
    operation.rows.push([r.rowId, diff.before, diff.after]);
  }
}

/** What one pull changed on this laptop, as the change log recorded it (`withPull`). */
export interface PulledChanges {
  /** Rows written, by table, in the order first written. */
  tables: Map<ChangedTable, number>;
  /** The students whose features the rows touch (a student row names itself). */
  students: Set<string>;
}

const openPulls = new WeakMap<Db, PulledChanges>();

/**
 * The change log's pulled mode, for rows sync pulled from the central server and wrote as the
 * server has them (their versions included): `recordPulled` notes each row's table for the
 * request's or job's `dataChanged` and its student for the feature refresh, and writes **no
 * outbox entry** (a pulled row must not travel back). The audit gets one entry per table pulled
 * (action `import`, no user, `after` `{ source: 'sync', through, rows }`), not a line per row:
 * each row's own change, with who made it, is in the audit of the laptop that made it, and a
 * copy here would be a second account of it once the audit travels (docs/sync.md). Run inside
 * the pull's transaction; answers what the pull changed.
 */
export function withPull(
  db: Db,
  schoolId: string,
  through: number,
  write: () => void,
): PulledChanges {
  if (openPulls.has(db)) throw new Error('withPull does not nest');
  const pull: PulledChanges = { tables: new Map(), students: new Set() };
  openPulls.set(db, pull);
  try {
    write();
  } finally {
    openPulls.delete(db);
  }
  for (const [table, rows] of pull.tables) {
    writeAudit(db, {
      schoolId,
      userId: null,
      action: 'import',
      entity: table,
      entityId: null,
      before: null,
      after: { source: 'sync', through, rows },
      changes: null,
    });
  }
  return pull;
}

/** Records one pulled row (see `withPull`): its table and the student its features read. */
export function recordPulled(db: Db, table: ChangedTable, studentId: string | null): void {
  const pull = openPulls.get(db);
  if (!pull) throw new Error('recordPulled runs inside withPull');
  noteChanged(db, table);
  pull.tables.set(table, (pull.tables.get(table) ?? 0) + 1);
  if (studentId !== null) pull.students.add(studentId);
}

/** True while `db` is inside `withOperation`: bulk writers then skip per-row audit work. */
export const inOperation = (db: Db): boolean => openOperations.has(db);

/*
 * Keys of rows kept by a natural key of two small integers (attendance: the student's local key
 * and the day) are one integer in the outbox: owner * 65,536 + day. Days stop at 54,000, so the
 * last value of the low part marks a run entry instead of a row.
 */
const KEY_SPAN = 65_536;
const RUN_MARK = KEY_SPAN - 1;

/** The outbox key of one (owner, day) row. */
export const ownedRowKey = (owner: number, day: number): number => owner * KEY_SPAN + day;

/** The outbox key of the owner's run entry (`recordRun`). */
export const ownedRunKey = (owner: number): number => ownedRowKey(owner, RUN_MARK);

/** What an integer outbox key names: one row's day, or (`run`) the owner's run entry. */
export function splitOwnedKey(key: number): { owner: number; day: number; run: boolean } {
  const day = key % KEY_SPAN;
  return { owner: Math.floor(key / KEY_SPAN), day, run: day === RUN_MARK };
}

/**
 * The same keys decoded in SQL, for readers that join the outbox to the rows it names (sync's
 * outbox reader): each takes the SQL expression of an integer row key (`c.row_key`) and is built
 * from the constants above, so the key's layout is written down here only.
 */
export const ownedKeySql = {
  /** The owner (the student's local key). */
  owner: (key: string): string => `${key} / ${KEY_SPAN}`,
  /** The day of a single row's key. */
  day: (key: string): string => `${key} % ${KEY_SPAN}`,
  /** True for a run entry (`recordRun`). */
  isRun: (key: string): string => `${key} % ${KEY_SPAN} = ${RUN_MARK}`,
  /** True for a single row's entry. */
  isRow: (key: string): string => `${key} % ${KEY_SPAN} <> ${RUN_MARK}`,
};

/** The days a run entry stands for, from its payload. */
export interface RunSpan {
  from: number;
  to: number;
}

/**
 * Bulk mode for the outbox: one entry standing for every row of `owner` in `table` between two
 * days (both included), as they are when sync reads them, instead of one entry per row. An
 * import of 200,000 attendance rows queues one entry per student: per-row entries cost more
 * than writing the rows themselves (measured: 1.2 s against 0.75 s). A run already queued for
 * the owner is widened and moved to the end of the queue, like a row changed again. Rows written
 * under a run are recorded with `queued: true`.
 */
export function recordRun(
  db: Db,
  table: ChangedTable,
  owner: number,
  from: number,
  to: number,
): void {
  noteChanged(db, table);
  const code = tableCode(db, table);
  const key = ownedRunKey(owner);
  const earlier = prepared(
    db,
    'SELECT payload FROM sync_changes WHERE table_code = ? AND row_key = ?',
  )
    .pluck()
    .get(code, key) as string | undefined;
  let span: RunSpan = { from, to };
  if (earlier) {
    const e = JSON.parse(earlier) as RunSpan;
    span = { from: Math.min(e.from, from), to: Math.max(e.to, to) };
  }
  writeOutbox(db, table, key, false, JSON.stringify(span));
}
