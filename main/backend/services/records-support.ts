import type { z } from 'zod';
import type { ChangedTable } from '../../../contract';
import { BeaconError, prepared, type ColumnOf, type Db } from '../../../db';
import { recordChange } from './changes';

/** Who writes: the school the rows belong to and the user the audit names (null: the system). */
export interface Actor {
  schoolId: string;
  userId: string | null;
  /** Today in the school's calendar, bounding the dates a record may have; default: the laptop's. */
  today?: string;
}

export type SqlValue = string | number | bigint | null;

/** A synced row as SQLite returns it. */
export interface SyncedRow {
  id: string;
  school_id: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  [column: string]: unknown;
}

/** Re-exported for the services that already import it from here. */
export { prepared };

/** The time as the schema's defaults write it (strftime('%Y-%m-%dT%H:%M:%fZ')). */
export const nowStamp = (): string => new Date().toISOString();

/**
 * Parses plain data with a contract schema inside a service, so callers that bypass the
 * dispatcher (import, demo generator, CLI) get the same checks, refused as INVALID_INPUT.
 */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const sentence = issues
    .map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`)
    .join('; ');
  throw new BeaconError(
    'INVALID_INPUT',
    `Invalid input: ${sentence}`,
    issues.map((i) => ({ path: i.path.map(String), message: i.message })),
  );
}

/** A live (not soft-deleted) row of this school, or a NOT_FOUND naming what was missing. */
export function liveRow<T extends SyncedRow>(
  db: Db,
  table: string,
  schoolId: string,
  id: string,
  what: string,
): T {
  const row = prepared(
    db,
    `SELECT * FROM ${table} WHERE id = ? AND school_id = ? AND deleted_at IS NULL`,
  ).get(id, schoolId) as T | undefined;
  if (!row) throw new BeaconError('NOT_FOUND', `No ${what} with id ${id} in this school.`);
  return row;
}

const rowById = (db: Db, table: string, id: string) =>
  prepared(db, `SELECT * FROM ${table} WHERE id = ?`).get(id) as SyncedRow;

/**
 * Inserts a synced row and records the change (version, audit, outbox); returns the stored row.
 * `values` may name only the table's described columns (db/tables.ts).
 */
export function insertAudited<T extends ChangedTable>(
  db: Db,
  actor: Actor,
  table: T,
  values: { [C in ColumnOf<T>]?: SqlValue } & { id: string },
): SyncedRow {
  const row = { ...values, school_id: actor.schoolId };
  const columns = Object.keys(row);
  prepared(
    db,
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  ).run(row);
  const after = rowById(db, table, values.id);
  recordChange(db, {
    schoolId: actor.schoolId,
    table,
    rowId: values.id,
    userId: actor.userId,
    before: null,
    after,
  });
  return rowById(db, table, values.id);
}

/**
 * Applies `patch` to a synced row when it changes something, recording the change; a patch that
 * changes nothing writes nothing and leaves no audit entry. Returns the row as it now stands.
 */
export function updateAudited<T extends SyncedRow>(
  db: Db,
  actor: Actor,
  table: ChangedTable,
  before: T,
  patch: Record<string, SqlValue | undefined>,
): { row: T; changed: boolean } {
  const changes = Object.entries(patch).filter(
    (entry): entry is [string, SqlValue] => entry[1] !== undefined && before[entry[0]] !== entry[1],
  );
  if (changes.length === 0) return { row: before, changed: false };
  const values: Record<string, SqlValue> = Object.fromEntries(changes);
  values.updated_at = nowStamp();
  const sets = Object.keys(values).map((c) => `${c} = @${c}`);
  prepared(db, `UPDATE ${table} SET ${sets.join(', ')} WHERE id = @id`).run({
    ...values,
    id: before.id,
  });
  recordChange(db, {
    schoolId: actor.schoolId,
    table,
    rowId: before.id,
    userId: actor.userId,
    before,
    after: rowById(db, table, before.id),
  });
  return { row: rowById(db, table, before.id) as T, changed: true };
}

/** Soft-deletes a synced row (a tombstone that syncs), recording the change. */
export function softDeleteAudited<T extends SyncedRow>(
  db: Db,
  actor: Actor,
  table: ChangedTable,
  before: T,
): T {
  return updateAudited(db, actor, table, before, { deleted_at: nowStamp() }).row;
}

/** SQLite's 0/1 as a boolean, keeping null. */
export const toBool = (v: unknown): boolean | null => (v === null || v === undefined ? null : !!v);
export const fromBool = (v: boolean | null | undefined): number | null | undefined =>
  v === undefined ? undefined : v === null ? null : v ? 1 : 0;

/** Empty or blank optional text is stored as null. */
export const blankToNull = (v: string | null | undefined): string | null | undefined =>
  v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim();

/** "Ana Silva (S123)": how messages name a student. */
export const studentLabel = (r: {
  first_name: string;
  last_name: string;
  student_number: string;
}): string => `${r.first_name} ${r.last_name} (${r.student_number})`;

/** Lists up to `max` names for a message, with how many more there are. */
export function nameList(names: string[], max = 5): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
