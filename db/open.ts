import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import knex from 'knex';
import {
  databaseKeyFor,
  openSqlite,
  sqliteNativeBinding,
  unlockConnection,
  type Db,
} from './driver';
import { BeaconError } from './errors';
import { appliedMigrations, checkHistory } from './history';
import { busyMessage, translateSqliteError } from './sqlite-errors';
import { readOnlyReason, type ReadOnlyReason } from './writable';
import { migrationSource, migrations } from './migrations';
import { convertToIncrementalVacuum } from './vacuum';

export type { Db } from './driver';

export interface OpenedDatabase {
  db: Db;
  path: string;
  schemaVersion: number;
  migrations: string[];
  /** Opened for reading only, because the file or its folder cannot be written. */
  readOnly: boolean;
}

/** The WAL size (in pages) at which a commit checkpoints by itself: see applyPragmas. */
export const WAL_AUTOCHECKPOINT_PAGES = 16_384;

/**
 * Pragmas every connection gets: WAL so readers never block the writer, enforced foreign keys.
 * A read-only connection keeps the file's journal mode (changing it would be a write).
 */
export function applyPragmas(db: Db): void {
  if (!db.readonly) {
    // Takes effect only on a new, empty file (before its first table): deleted space can then be
    // handed back to the disk with PRAGMA incremental_vacuum. Existing files need a VACUUM first,
    // which openDatabase runs once (db/vacuum.ts).
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
  }
  db.pragma('synchronous = NORMAL');
  // Checkpoints belong to idle time, not to a staff member's save: the backend folds the WAL back
  // once requests pause (see startBackend), and SQLite's own checkpoint inside a commit is only a
  // safety net for a connection that never pauses (an hour-long import), at 16,384 pages (64 MB)
  // instead of the default 1,000. Durability is untouched: a commit is in the WAL either way.
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

const readOnlyError = (path: string, reason: 'file' | 'folder', why: string) =>
  new BeaconError(
    'READ_ONLY',
    `${why}: ${reason === 'file' ? `the file ${path}` : `the folder ${dirname(path)}`} is read-only. ` +
      'Give your account permission to write there, or copy the database to a folder you can write to.',
  );

/** SQLite's and knex's errors while migrating, as errors a person can act on. */
function migrationFailure(err: unknown, path: string): unknown {
  const translated = translateSqliteError(err, path, fileSize(path));
  if (translated) return translated;
  if ((err as Error).name === 'MigrationLocked') {
    return new BeaconError(
      'BUSY',
      `${busyMessage} (Another Beacon is updating the database ${path} to a new version.)`,
    );
  }
  return err;
}

/** Applies pending migrations with knex, after refusing a database that is newer or diverged. */
export async function migrate(path: string): Promise<string[]> {
  const known = migrations.map((m) => m.name);
  const applied = appliedMigrations(path);
  checkHistory(applied, known);
  // Nothing to apply: no write at all, so an up-to-date database opens on a full disk or a
  // read-only file just as well.
  if (applied.length === known.length) return applied;
  const readOnly = readOnlyReason(path);
  if (readOnly) {
    throw readOnlyError(path, readOnly, 'Beacon must update this database to its version');
  }
  mkdirSync(dirname(path), { recursive: true });
  const k = knex({
    client: 'better-sqlite3',
    // knex hands `options.nativeBinding` to better-sqlite3, so migrations load the same binding.
    connection: { filename: path, options: { nativeBinding: sqliteNativeBinding() } },
    useNullAsDefault: true,
    pool: {
      afterCreate: (conn: Db, done: (err: Error | null, conn: Db) => void) => {
        try {
          unlockConnection(conn, path, databaseKeyFor(path));
          applyPragmas(conn);
          done(null, conn);
        } catch (err) {
          done(err as Error, conn);
        }
      },
    },
  });
  try {
    await k.migrate.latest({ migrationSource });
  } catch (err) {
    throw migrationFailure(err, path);
  } finally {
    await k.destroy();
  }
  return appliedMigrations(path);
}

/** Opens (creating if needed) and migrates a Beacon database; hot paths use the returned handle. */
export async function openDatabase(path: string): Promise<OpenedDatabase> {
  const readOnly = readOnlyReason(path);
  let applied: string[];
  try {
    applied = await migrate(path);
  } catch (err) {
    throw openFailure(err, path, readOnly);
  }
  const db = openSqlite(path, { readonly: readOnly !== null });
  try {
    applyPragmas(db);
    assertQuickCheck(db, path);
  } catch (err) {
    db.close();
    throw openFailure(err, path, readOnly);
  }
  convertOnce(db, path);
  return {
    db,
    path,
    schemaVersion: applied.length,
    migrations: applied,
    readOnly: readOnly !== null,
  };
}

/**
 * A file made before `auto_vacuum = INCREMENTAL` is converted at its first open by this version:
 * after the migrations (which the backend precedes with a backup) and the quick check, before
 * any request. A failure (a full disk: VACUUM needs room for a copy) leaves the file as it was,
 * usable, and the next open tries again.
 */
function convertOnce(db: Db, path: string): void {
  try {
    convertToIncrementalVacuum(db);
  } catch (err) {
    console.error(`Beacon: ${path} keeps its free space for now: ${(err as Error).message}`);
  }
}

/** Why a database could not be opened, in words a person can act on. */
function openFailure(err: unknown, path: string, readOnly: ReadOnlyReason): unknown {
  const known = err instanceof BeaconError ? err : translateSqliteError(err, path, fileSize(path));
  // SQLite must write its -shm file beside a WAL database even to read it.
  if (readOnly === 'folder' && (!known || ['INTERNAL', 'READ_ONLY'].includes(known.code))) {
    return readOnlyError(path, readOnly, 'Beacon cannot open the database');
  }
  return known ?? err;
}

/**
 * SQLite's quick check, run at every start: a damaged file is refused with a message pointing
 * to a backup, instead of answering "Something went wrong" at the first request that reads the
 * damaged pages. (The full integrity_check is on demand: see `checkIntegrity`.)
 */
export function assertQuickCheck(db: Db, path: string): void {
  const rows = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
  const problems = problemLines(rows.map((r) => r.quick_check));
  if (problems.length > 0) throw damagedError(path, problems);
}

/** SQLite's check answers as one problem a line; none for its "ok". */
const problemLines = (answers: string[]): string[] =>
  answers
    .flatMap((a) => a.split('\n'))
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== 'ok' && !l.startsWith('***'));

const damagedError = (path: string, problems: string[]) =>
  new BeaconError(
    'DATABASE_DAMAGED',
    `The database ${path} is damaged (${problems[0] ?? 'unreadable'}). Restore your latest ` +
      'backup of it, or ask your IT support for help; do not keep working in this file.',
    { problems },
  );

/** SQLite's full integrity check (slow on a large file); the problems it names, none when sound. */
export function checkIntegrity(db: Db): string[] {
  const rows = db.pragma('integrity_check(20)', { simple: false }) as { integrity_check: string }[];
  return problemLines(rows.map((r) => r.integrity_check));
}

export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
