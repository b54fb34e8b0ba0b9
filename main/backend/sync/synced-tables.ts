import { describeTable, tableNames, tables, type SyncedTable } from '../../../db';

export type { SyncedTable };

/**
 * What travels to the central server, parents before children (a pull applies rows in this
 * order): the tables whose one description (db/tables.ts) says `synced`. Anything else never
 * leaves the laptop: settings, sessions, jobs, features, scores, import mappings. Of listed
 * tables only the columns the central table also has travel, so password hashes, failed
 * sign-in counts and lock times (no central column) stay here too; `localOnly` says so again,
 * so a later central column of that name cannot start leaking.
 */
export const syncedTables: readonly SyncedTable[] = tableNames.filter(
  (t): t is SyncedTable => tables[t].synced,
);

export const isSyncedTable = (t: string): t is SyncedTable =>
  (syncedTables as readonly string[]).includes(t);

/** One rule of every synced table's description, by table, where it has one. */
function byTable<
  K extends 'localOnly' | 'localDefaults' | 'derived' | 'naturalKey' | 'identityKey',
>(key: K) {
  const out: Partial<Record<SyncedTable, NonNullable<ReturnType<typeof describeTable>[K]>>> = {};
  for (const t of syncedTables) {
    const value = describeTable(t)[key];
    if (value !== undefined) out[t] = value;
  }
  return out;
}

/** Columns that never leave the laptop, whatever the central schema has. */
export const localOnly = byTable('localOnly');

/** Values for local NOT NULL columns that do not travel, used when a pulled row is new here. */
export const localDefaults = byTable('localDefaults');

/**
 * Columns a laptop does not store but the central table keys by: attendance is kept by its
 * natural key (student, day), and that key is its id everywhere else (`studentId/date`).
 */
export const derivedColumns = byTable('derived');

/**
 * One row per natural key, besides the id: two laptops can make the same one (one mark per
 * student per assessment). The merge keeps the newer and records the other as a conflict.
 */
export const naturalKeys = byTable('naturalKey');

/**
 * Keys that name a parent record (a pupil's number): two laptops that make the same one made one
 * record twice. The second to push adopts the server's row and moves its children to it
 * (sync/adopt.ts), or, for a kind not handled there, is refused with what to do.
 */
export const identityKeys = byTable('identityKey');

/** The column naming the school: `id` for the schools table itself. */
export const schoolColumn = (t: SyncedTable): string => (t === 'schools' ? 'id' : 'school_id');

/** Columns the server adds to every synced row, never sent by a laptop. */
export const serverColumns = ['server_seq', 'origin'] as const;

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Keys an audit entry may hold that never leave the laptop: every table's local-only columns
 * (users' password hash, failed sign-in count and lock time), as columns and as the camelCase
 * names events use (a failed sign-in's `failedLogins`, `lockedUntil`). Removed at any depth of an
 * entry's before, after and changed rows before it travels (sync/audit-reader.ts).
 */
export const auditLocalKeys: ReadonlySet<string> = new Set(
  Object.values(localOnly).flatMap((columns) => columns.flatMap((c) => [c, camel(c)])),
);

/**
 * Entities whose audit entries travel without their contents (before, after and changed rows
 * emptied), the who, when and what kind only: a machine's settings, sessions and sync state
 * stay on the laptop whatever an entry about them holds.
 */
export const laptopOnlyEntities: ReadonlySet<string> = new Set([
  'settings',
  'sessions',
  'sync_state',
  'secrets',
]);
