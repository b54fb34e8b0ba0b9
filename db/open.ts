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
import { appliedMigrations, checkHistory } from './history';
import { migrationSource, migrations } from './migrations';

export type { Db } from './driver';

export interface OpenedDatabase {
  db: Db;
  path: string;
  schemaVersion: number;
  migrations: string[];
}

/** Pragmas every connection gets: WAL so readers never block the writer, enforced foreign keys. */
export function applyPragmas(db: Db): void {
  // Takes effect only on a new, empty file (before its first table): deleted space can then be
  // handed back to the disk with PRAGMA incremental_vacuum. Existing files need a VACUUM first.
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Fold the WAL back less often than SQLite's default 1,000 pages: checkpoints were the slowest
  // register saves. The backend also checkpoints when idle (see startBackend).
  db.pragma('wal_autocheckpoint = 4000');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/** Applies pending migrations with knex, after refusing a database that is newer or diverged. */
export async function migrate(path: string): Promise<string[]> {
  const known = migrations.map((m) => m.name);
  checkHistory(appliedMigrations(path), known);
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
  } finally {
    await k.destroy();
  }
  return appliedMigrations(path);
}

/** Opens (creating if needed) and migrates a Beacon database; hot paths use the returned handle. */
export async function openDatabase(path: string): Promise<OpenedDatabase> {
  const applied = await migrate(path);
  const db = openSqlite(path);
  applyPragmas(db);
  return { db, path, schemaVersion: applied.length, migrations: applied };
}

export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
