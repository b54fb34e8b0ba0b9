import type { AuditChange } from '../../../contract/domains/audit';
import { prepared, type Db } from '../../../db';
import { existingLocalKey, idOfLocalKey } from '../../../db/local-keys';

/** One changed row inside an operation: its id, and only the columns that changed. */
export type ChangedRow = [entityId: string, before: object | null, after: object | null];

/**
 * How an operation's rows are stored in `audit_log.changes` (JSON), small because a register
 * save lists thirty rows and a school saves thousands of registers a year:
 * - `same`: per column every row's after has, the value most rows share (a register's class,
 *   "present"), kept once; a row whose value differs carries its own;
 * - `suffix`: the end every id shares (an attendance row's `/YYYY-MM-DD`), kept once;
 * - `rows`: an id alone for a created row whose values are all in `same`, else
 *   `[id, before, after]`; an id is the row's UUID, or the local key (a number) of a student,
 *   class or user that has one.
 */
export interface StoredChanges {
  same?: Record<string, unknown>;
  suffix?: string;
  rows: (StoredId | [StoredId, object | null, object | null])[];
}
export type StoredId = string | number;

/**
 * Per column that every row's after has, the value most rows share: kept once, and only the
 * rows that differ carry their own (a register is mostly "present").
 */
function sharedValues(rows: ChangedRow[]): Record<string, unknown> {
  const same: Record<string, unknown> = {};
  const first = rows[0]?.[2] as Record<string, unknown> | null | undefined;
  if (rows.length < 2 || !first) return same;
  for (const k of Object.keys(first)) {
    const counts = new Map<unknown, number>();
    let everyRow = true;
    for (const r of rows) {
      const after = r[2] as Record<string, unknown> | null;
      if (!after || !(k in after)) {
        everyRow = false;
        break;
      }
      counts.set(after[k], (counts.get(after[k]) ?? 0) + 1);
    }
    if (!everyRow) continue;
    let best: [unknown, number] = [null, 0];
    for (const entry of counts) if (entry[1] > best[1]) best = entry;
    if (best[1] > 1) same[k] = best[0];
  }
  return same;
}

function sharedSuffix(ids: string[]): string {
  const first = ids[0];
  const at = first?.indexOf('/') ?? -1;
  if (!first || at < 0 || ids.length < 2) return '';
  const suffix = first.slice(at);
  return ids.every((id) => id.endsWith(suffix) && id.indexOf('/') === id.length - suffix.length)
    ? suffix
    : '';
}

/** The rows of one operation as stored (see StoredChanges). */
export function encodeChanges(db: Db, rows: ChangedRow[]): string {
  const same = sharedValues(rows);
  const suffix = sharedSuffix(rows.map((r) => r[0]));
  const stored: StoredChanges = { rows: [] };
  if (Object.keys(same).length > 0) stored.same = same;
  if (suffix) stored.suffix = suffix;
  for (const [entityId, before, after] of rows) {
    const bare = suffix ? entityId.slice(0, -suffix.length) : entityId;
    const id: StoredId = existingLocalKey(db, bare) ?? bare;
    const rest =
      after && Object.keys(same).length > 0
        ? Object.fromEntries(
            Object.entries(after).filter(([k, v]) => !(k in same) || same[k] !== v),
          )
        : after;
    stored.rows.push(
      before === null && rest !== null && Object.keys(rest).length === 0 ? id : [id, before, rest],
    );
  }
  return JSON.stringify(stored);
}

/** The rows an operation's entry lists, each with its full id and after put back together. */
export function decodeChanges(db: Db, changes: string | null): AuditChange[] {
  if (changes === null) return [];
  return expandChanges(JSON.parse(changes) as StoredChanges, (id) =>
    typeof id === 'number' ? (idOfLocalKey(db, id) ?? `#${id}`) : id,
  );
}

/**
 * The rows of a stored `changes` value (this laptop's, or the central copy, whose ids are all
 * UUIDs) with full ids and afters; `idOf` turns a stored id into the row's id before its suffix.
 */
export function expandChanges(
  stored: StoredChanges,
  idOf: (id: StoredId) => string = String,
): AuditChange[] {
  const { same = {}, suffix = '', rows } = stored;
  const shared = Object.keys(same).length > 0;
  const full = (id: StoredId) => `${idOf(id)}${suffix}`;
  return rows.map((row) => {
    if (!Array.isArray(row)) return { entityId: full(row), before: null, after: { ...same } };
    const [id, before, after] = row;
    return { entityId: full(id), before, after: shared && after ? { ...same, ...after } : after };
  });
}

/**
 * The stored form with every local key replaced by the UUID it stands for, for what leaves the
 * laptop (local keys mean nothing elsewhere); the format is otherwise unchanged, so the central
 * copy stays as compact as the laptop's. The entry's keys are looked up in one statement (a
 * register's thirty, one by one, were most of the time it took to send a day's entries).
 */
export function changesWithIds(db: Db, changes: string): StoredChanges {
  const stored = JSON.parse(changes) as StoredChanges;
  const keys = stored.rows
    .map((row) => (Array.isArray(row) ? row[0] : row))
    .filter((id): id is number => typeof id === 'number');
  const ids = new Map(
    keys.length === 0
      ? []
      : (prepared(
          db,
          'SELECT key, id FROM local_keys WHERE key IN (SELECT value FROM json_each(?))',
        )
          .raw()
          .all(JSON.stringify(keys)) as [number, string][]),
  );
  const idOf = (id: StoredId): string => (typeof id === 'number' ? (ids.get(id) ?? `#${id}`) : id);
  return {
    ...stored,
    rows: stored.rows.map((row) =>
      Array.isArray(row) ? [idOf(row[0]), row[1], row[2]] : idOf(row),
    ),
  };
}
