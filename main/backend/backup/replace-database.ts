import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { BeaconError, openSqlite } from '../../../db';

const staging = (dbPath: string) => `${dbPath}.restoring`;

/**
 * Puts a checked backup in the database's place. The caller has closed its own connection.
 * Refused (CONFLICT, nothing changed) while another process has the file open: it would go on
 * writing to the replaced file. The backup is copied beside the database first and renamed over
 * it in one step, so a crash at any point leaves either the old database or the new one whole.
 */
export function replaceDatabase(dbPath: string, backupPath: string): void {
  // Leaving WAL needs the only connection to the file, which is how another process shows; it
  // also folds the WAL in, so no -wal file is left to be replayed onto the restored database.
  const probe = openSqlite(dbPath, { fileMustExist: true });
  try {
    let mode = '';
    try {
      mode = String(probe.pragma('journal_mode = DELETE', { simple: true }));
    } catch (err) {
      if (!(err as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw err;
    }
    if (mode !== 'delete') {
      throw new BeaconError(
        'CONFLICT',
        'Another Beacon program has the database open (the app, or a `beacon` command): close ' +
          'it, then restore again. Nothing was changed.',
      );
    }
  } finally {
    probe.close();
  }
  const next = staging(dbPath);
  copyFileSync(backupPath, next);
  const fd = openSync(next, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  for (const side of ['-wal', '-shm', '-journal']) rmSync(`${dbPath}${side}`, { force: true });
  renameSync(next, dbPath);
}

/** Removes what a restore cut short left beside the database; the database itself is whole. */
export function clearInterruptedRestore(dbPath: string): void {
  if (existsSync(staging(dbPath))) rmSync(staging(dbPath), { force: true });
}
