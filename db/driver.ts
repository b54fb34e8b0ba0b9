/**
 * The one place a SQLite connection is made. The driver is better-sqlite3-multiple-ciphers,
 * installed under the name `better-sqlite3` (an npm alias in package.json): the same API, plus
 * whole-file encryption. Here the process picks the binding built for its runtime (Node or
 * Electron) and, for an encrypted file, applies its key before anything else touches the file.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { getEnvironmentData, setEnvironmentData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { BeaconError } from './errors';
import {
  bindingManifestProblem,
  chooseSqliteBinding,
  NATIVE_ROOT_ENV,
  type RuntimeInfo,
} from './native-binding';

export type Db = Database.Database;

/** A database key: 32 random bytes as 64 lowercase hex digits. */
export type DatabaseKey = string;
const KEY_PATTERN = /^[0-9a-f]{64}$/;

export interface OpenSqliteOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  /**
   * The key of an encrypted file. Left out, the key remembered for this path (see
   * `rememberDatabaseKey`) is used; a plain file ignores any key.
   */
  key?: DatabaseKey | null;
}

/** This process's runtime, as the binding chooser needs it. */
export function currentRuntime(env = process.env): RuntimeInfo {
  return {
    electron: process.versions.electron,
    abi: process.versions.modules,
    platform: process.platform,
    arch: process.arch,
    nativeRoot: env[NATIVE_ROOT_ENV],
  };
}

/** The installed version of the driver's JavaScript half, which its binding must match. */
export function driverVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('better-sqlite3/package.json') as { version: string }).version;
}

/**
 * The `nativeBinding` to hand better-sqlite3 in a runtime: undefined under Node (its own
 * build), the checked Electron build under Electron. Throws one sentence a person can act on
 * when the Electron build is missing or was made for another Electron or driver version.
 */
export function resolveSqliteBinding(
  runtime: RuntimeInfo,
  installedVersion = driverVersion(),
): string | undefined {
  const choice = chooseSqliteBinding(runtime);
  if (choice.runtime === 'node') return undefined;
  const cannot = (why: string) =>
    new Error(
      `Beacon cannot open its database under Electron ${runtime.electron ?? ''}: ${why}. ` +
        'Run `npm start` again with internet access (it fetches or builds the engine), or reinstall Beacon.',
    );
  if (!existsSync(choice.path)) {
    throw cannot(`the database engine built for Electron is missing (${choice.path})`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(choice.manifestPath, 'utf8'));
  } catch {
    manifest = null;
  }
  const problem = bindingManifestProblem(manifest, choice.expected, installedVersion);
  if (problem) throw cannot(`the database engine in ${choice.path} does not fit: ${problem}`);
  return choice.path;
}

let chosenBinding: { path: string | undefined } | undefined;

/** This process's binding, resolved once (see `resolveSqliteBinding`). */
export function sqliteNativeBinding(): string | undefined {
  chosenBinding ??= { path: resolveSqliteBinding(currentRuntime()) };
  return chosenBinding.path;
}

const environmentKey = (path: string) => `beacon.database-key:${resolve(path)}`;

/**
 * Remembers an encrypted database's key for this process and every worker thread it starts
 * afterwards (Node's per-process environment data: never in `process.env`, never on disk).
 */
export function rememberDatabaseKey(path: string, key: DatabaseKey | null): void {
  if (key !== null && !KEY_PATTERN.test(key)) throw new Error('A database key is 64 hex digits.');
  setEnvironmentData(environmentKey(path), key ?? undefined);
}

function rememberedKey(path: string): DatabaseKey | null {
  const key = getEnvironmentData(environmentKey(path));
  return typeof key === 'string' ? key : null;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * True when the file looks like an encrypted database: whole pages (a multiple of 512 bytes)
 * that do not start with SQLite's plain header. A text file or a truncated one is not, so
 * opening it reports "not a database" rather than asking for a key.
 */
export function isEncryptedFile(path: string): boolean {
  if (!existsSync(path)) return false;
  const size = statSync(path).size;
  if (size === 0 || size % 512 !== 0) return false;
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
    return !head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

/**
 * Applies an encrypted file's key to a fresh connection and proves it opens the file. Must run
 * before any other statement on the connection. A plain file is left alone.
 */
export function unlockConnection(db: Db, path: string, key: DatabaseKey | null): void {
  if (!isEncryptedFile(path)) return;
  if (key === null) {
    throw new BeaconError(
      'DATABASE_ENCRYPTED',
      `The database ${path} is encrypted (or damaged) and this computer holds no key for it. ` +
        'Open it on the computer that encrypted it, or restore a backup made there.',
    );
  }
  if (!KEY_PATTERN.test(key)) throw new Error('A database key is 64 hex digits.');
  db.pragma(`hexkey = '${key}'`);
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    throw new BeaconError(
      'DATABASE_ENCRYPTED',
      `The key this computer holds does not open ${path}: the file is damaged, or it was ` +
        'encrypted elsewhere. Restore a backup made on this computer.',
    );
  }
}

/**
 * Opens a SQLite connection with the binding for this runtime, unlocked when the file is
 * encrypted. Every connection Beacon makes (backend, migrations, workers, CLI) comes from here.
 */
export function openSqlite(path: string, options: OpenSqliteOptions = {}): Db {
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.fileMustExist ?? false,
    nativeBinding: sqliteNativeBinding(),
  });
  try {
    unlockConnection(db, path, options.key === undefined ? rememberedKey(path) : options.key);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** The key remembered for a path, for connections made outside `openSqlite` (knex's pool). */
export const databaseKeyFor = rememberedKey;
