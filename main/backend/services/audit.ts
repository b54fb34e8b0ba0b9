import type { AuditAction, AuditEntry, AuditExport, AuditPage } from '../../../contract';
import type { AuditChange } from '../../../contract/domains/audit';
import { maxAuditExport } from '../../../contract/domains/audit';
import { BeaconError, newId, type Db } from '../../../db';
import { csvRecord } from './audit-csv';
import { dayStartUtc, nextDay } from './zoned-time';

export interface AuditEvent {
  schoolId: string;
  userId: string | null;
  action: AuditAction;
  entity: string;
  entityId: string | null;
  after: object | null;
  /** ISO timestamp; defaults to the database's clock. Tests pass their own. */
  at?: string;
}

/**
 * Appends an audit entry that is not a row change (a sign-in, an export), in the caller's
 * transaction. Row changes go through recordChange, which also stamps versions and the outbox.
 */
export function recordAuditEvent(db: Db, event: AuditEvent): void {
  db.prepare(
    `INSERT INTO audit_log (id, school_id, at, user_id, action, entity, entity_id, after)
     VALUES (?, ?, coalesce(?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), ?, ?, ?, ?, ?)`,
  ).run(
    newId(),
    event.schoolId,
    event.at ?? null,
    event.userId,
    event.action,
    event.entity,
    event.entityId,
    event.after ? JSON.stringify(event.after) : null,
  );
}

export interface AuditFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  userId?: string | undefined;
  action?: AuditAction | undefined;
  /** Whole days (YYYY-MM-DD) in the school's time zone, both ends included. */
  from?: string | undefined;
  to?: string | undefined;
}

interface AuditRow {
  id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  display_name: string | null;
  action: AuditAction;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  changes: string | null;
}

const cursorPattern = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|([0-9a-f-]{36})$/;

const encodeCursor = (row: AuditRow) =>
  Buffer.from(`${row.at}|${row.id}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string): { at: string; id: string } {
  const match = cursorPattern.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1] || !match[2]) {
    throw new BeaconError('INVALID_INPUT', 'The cursor is not one the audit log gave out.', [
      { path: ['cursor'], message: 'is not one the audit log gave out' },
    ]);
  }
  return { at: match[1], id: match[2] };
}

/** The WHERE clause and parameters for a filter; dates become instants in the school's zone. */
function whereClause(schoolId: string, filter: AuditFilter, timeZone: string) {
  const clauses = ['a.school_id = @schoolId'];
  const params: Record<string, string> = { schoolId };
  const equals = { entity: 'a.entity', entityId: 'a.entity_id', userId: 'a.user_id' } as const;
  for (const [key, column] of Object.entries(equals) as [keyof typeof equals, string][]) {
    const value = filter[key];
    if (value !== undefined) {
      // A row changed inside an operation is named in the operation's list, not its entity_id.
      clauses.push(
        key === 'entityId'
          ? `(${column} = @${key} OR (a.changes IS NOT NULL AND EXISTS (SELECT 1 FROM
              json_each(a.changes, '$.rows') j WHERE j.value ->> 0 = @${key})))`
          : `${column} = @${key}`,
      );
      params[key] = value;
    }
  }
  if (filter.action !== undefined) {
    clauses.push('a.action = @action');
    params.action = filter.action;
  }
  if (filter.from !== undefined) {
    clauses.push('a.at >= @fromAt');
    params.fromAt = dayStartUtc(filter.from, timeZone);
  }
  if (filter.to !== undefined) {
    clauses.push('a.at < @toAt');
    params.toAt = dayStartUtc(nextDay(filter.to), timeZone);
  }
  return { clauses, params };
}

const selectEntries = `SELECT a.id, a.at, a.user_id, u.username, u.display_name, a.action,
    a.entity, a.entity_id, a.before, a.after, a.changes
  FROM audit_log a LEFT JOIN users u ON u.id = a.user_id`;

const toEntry = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  userId: r.user_id,
  username: r.username,
  displayName: r.display_name,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  before: r.before === null ? null : (JSON.parse(r.before) as unknown),
  after: r.after === null ? null : (JSON.parse(r.after) as unknown),
  changes: changedRows(r.changes),
});

/**
 * The rows an operation's entry lists (services/changes.ts writes them), with the values every
 * row shared put back on each row's after.
 */
export function changedRows(changes: string | null): AuditChange[] {
  if (changes === null) return [];
  const { same, rows } = JSON.parse(changes) as {
    same: Record<string, unknown>;
    rows: [string, object | null, object | null][];
  };
  const shared = Object.keys(same).length > 0;
  return rows.map(([entityId, before, after]) => ({
    entityId,
    before,
    after: shared && after ? { ...same, ...after } : after,
  }));
}

export interface AuditListOptions extends AuditFilter {
  limit: number;
  cursor?: string | undefined;
}

/** One page of the audit log, newest first; pass `nextCursor` back for the next page. */
export function listAuditLog(
  db: Db,
  schoolId: string,
  options: AuditListOptions,
  timeZone: string,
): AuditPage {
  const { clauses, params } = whereClause(schoolId, options, timeZone);
  if (options.cursor !== undefined) {
    const cursor = decodeCursor(options.cursor);
    // The first clause lets the (school_id, at) index bound the scan; the second breaks ties.
    clauses.push('a.at <= @cursorAt', '(a.at < @cursorAt OR a.id < @cursorId)');
    params.cursorAt = cursor.at;
    params.cursorId = cursor.id;
  }
  const rows = db
    .prepare(
      `${selectEntries} WHERE ${clauses.join(' AND ')}
       ORDER BY a.at DESC, a.id DESC LIMIT ${Math.trunc(options.limit) + 1}`,
    )
    .all(params) as AuditRow[];
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    entries: page.map(toEntry),
    nextCursor: rows.length > options.limit && last ? encodeCursor(last) : null,
  };
}

const csvHeader = [
  'at',
  'username',
  'display_name',
  'user_id',
  'action',
  'entity',
  'entity_id',
  'before',
  'after',
];

/**
 * The audit log entries a filter selects, oldest first, as CSV text with a header. Refuses an
 * export larger than one file should hold, naming how many entries matched. The export itself
 * is audited: who took a copy of the log, and of what.
 */
export function exportAuditLog(
  db: Db,
  schoolId: string,
  filter: AuditFilter,
  context: { timeZone: string; today: string; userId: string | null },
): AuditExport {
  const { clauses, params } = whereClause(schoolId, filter, context.timeZone);
  const where = clauses.join(' AND ');
  const count = db
    .prepare(`SELECT count(*) FROM audit_log a WHERE ${where}`)
    .pluck()
    .get(params) as number;
  if (count > maxAuditExport) {
    throw new BeaconError(
      'INVALID_INPUT',
      `These filters match ${count.toLocaleString('en')} audit entries, more than the ` +
        `${maxAuditExport.toLocaleString('en')} one export may hold: choose fewer days.`,
    );
  }
  let csv = csvRecord(csvHeader);
  let rowCount = 0;
  const rows = db
    .prepare(`${selectEntries} WHERE ${where} ORDER BY a.at, a.id`)
    .iterate(params) as IterableIterator<AuditRow>;
  // An operation is one line for itself, then one line per row it changed, so the file keeps
  // one fact per line with the same columns as ever.
  for (const r of rows) {
    const line = (entityId: string | null, before: string | null, after: string | null) =>
      csvRecord([
        r.at,
        r.username,
        r.display_name,
        r.user_id,
        r.action,
        r.entity,
        entityId,
        before,
        after,
      ]);
    csv += line(r.entity_id, r.before, r.after);
    for (const c of changedRows(r.changes)) {
      csv += line(
        c.entityId,
        c.before === null ? null : JSON.stringify(c.before),
        c.after === null ? null : JSON.stringify(c.after),
      );
    }
    rowCount += 1;
  }
  recordAuditEvent(db, {
    schoolId,
    userId: context.userId,
    action: 'other',
    entity: 'audit_log',
    entityId: null,
    after: { exported: rowCount, filter },
  });
  return { fileName: `beacon-audit-${context.today}.csv`, csv, rowCount };
}
