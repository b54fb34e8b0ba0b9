/**
 * Whole-file encryption at rest (SQLite3MultipleCiphers, ChaCha20-Poly1305 by default) and
 * copies that stay encrypted. The key itself is kept by main/backend/secrets, never here.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { rememberDatabaseKey, isEncryptedFile, type DatabaseKey, type Db } from './driver';
import { BeaconError } from './errors';

/** A new random key: 256 bits, as the hex digits `openSqlite` takes. */
export function newDatabaseKey(): DatabaseKey {
  return randomBytes(32).toString('hex');
}

/**
 * Encrypts a plain database in place through its open connection, which stays usable and
 * keyed afterwards. The rewrite is one journaled transaction: a crash leaves the file plain and
 * whole. SQLite3MultipleCiphers cannot rekey in WAL mode, so the journal is DELETE for the
 * duration, which needs the only connection to the file: with another one open it is refused.
 */
export function encryptInPlace(db: Db, path: string, key: DatabaseKey): void {
  if (isEncryptedFile(path)) {
    throw new BeaconError('CONFLICT', `The database ${path} is already encrypted.`);
  }
  const mode = String(db.pragma('journal_mode', { simple: true }));
  // Fold the WAL in first, so no committed page is left outside the file being rewritten.
  db.pragma('wal_checkpoint(TRUNCATE)');
  if (!leaveWal(db)) {
    throw new BeaconError(
      'CONFLICT',
      'Another program has the database open (the Beacon app, or a `beacon` command): ' +
        'close it, then encrypt again.',
    );
  }
  try {
    db.pragma(`hexrekey = '${key}'`);
  } finally {
    db.pragma(`journal_mode = ${mode}`);
  }
  if (!isEncryptedFile(path)) {
    throw new Error(`Encrypting ${path} left it readable without a key.`);
  }
  rememberDatabaseKey(path, key);
}

/** Switches to a rollback journal; false when another connection holds the file. */
function leaveWal(db: Db): boolean {
  try {
    return String(db.pragma('journal_mode = DELETE', { simple: true })) === 'delete';
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) return false;
    throw err;
  }
}

/**
 * Writes a consistent copy of an open database to `dest` (SQLite's VACUUM INTO: online,
 * compact), encrypted with the same key when the source is. The copy is written under a
 * temporary name and renamed when complete, so `dest` never holds half a database.
 * (better-sqlite3's `backup()` refuses an encrypted source; this works for both.)
 */
export function copyDatabase(db: Db, dest: string): void {
  if (existsSync(dest)) throw new BeaconError('CONFLICT', `${dest} already exists.`);
  const partial = `${dest}.partial-${randomBytes(4).toString('hex')}`;
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    renameSync(partial, dest);
  } finally {
    rmSync(partial, { force: true });
  }
}
