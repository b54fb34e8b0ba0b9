/**
 * What travels to the central server, parents before children (a pull applies rows in this
 * order). Anything not listed never leaves the laptop: settings, sessions, jobs, features, scores,
 * import mappings. Of listed tables only the columns the central table also has travel, so
 * password hashes, failed sign-in counts and lock times (no central column) stay here too; the
 * `localOnly` list says so again, so a later central column of that name cannot start leaking.
 */
export const syncedTables = [
  'schools',
  'users',
  'terms',
  'school_calendar',
  'classes',
  'students',
  'student_status_changes',
  'enrolments',
  'assessments',
  'attendance',
  'marks',
  'behaviour_incidents',
  'interventions',
  'sync_conflicts',
] as const;
export type SyncedTable = (typeof syncedTables)[number];

export const isSyncedTable = (t: string): t is SyncedTable =>
  (syncedTables as readonly string[]).includes(t);

/** Columns that never leave the laptop, whatever the central schema has. */
export const localOnly: Partial<Record<SyncedTable, readonly string[]>> = {
  users: ['password_hash', 'failed_logins', 'locked_until'],
};

/**
 * Values for local NOT NULL columns that do not travel, used when a pulled row is new on this
 * laptop. A pulled user has no password here ('!' matches no hash) until one is set on this laptop.
 */
export const localDefaults: Partial<Record<SyncedTable, Record<string, string | number>>> = {
  users: { password_hash: '!' },
};

/**
 * Columns a laptop does not store but the central table keys by: attendance is kept by its
 * natural key (student, day), and that key is its id everywhere else (`studentId/date`, as the
 * audit names it).
 */
export const derivedColumns: Partial<Record<SyncedTable, readonly string[]>> = {
  attendance: ['id'],
};

/**
 * One row per natural key, besides the id: two laptops can make the same one (one mark per student
 * per assessment). The merge keeps the newer and records the other as a conflict. (Attendance's
 * id is its natural key, so two laptops' marks for one day are simply two versions of one row.)
 */
export const naturalKeys: Partial<Record<SyncedTable, readonly string[]>> = {
  marks: ['assessment_id', 'student_id'],
};

/** The column naming the school: `id` for the schools table itself. */
export const schoolColumn = (t: SyncedTable): string => (t === 'schools' ? 'id' : 'school_id');

/** Columns the server adds to every synced row, never sent by a laptop. */
export const serverColumns = ['server_seq', 'origin'] as const;
