/**
 * The backup worker: copies the database into a new file on a connection of its own, so the
 * backend's thread never runs the copy. A school's file is hundreds of MB and a training job
 * starts with a backup of it; run on the backend's thread, in steps, the copy stalled requests
 * for 50-500 ms at a time for twenty seconds, and its last step (the new file's commit) for over
 * a second, under load. Here the whole copy is one step in one read transaction, so it is the
 * database as it stood when the copy began, whatever the backend writes meanwhile. The copy is
 * then set to a rollback journal.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { databaseKeyFor, isEncryptedFile, openSqlite } from '../../../db/driver';

export interface BackupWorkerInput {
  /** The database to copy. */
  dbPath: string;
  /** The new file to write (it must not exist yet). */
  target: string;
}

export type FromBackupWorker = { ok: true } | { ok: false; message: string };

const port = parentPort;
if (!port) throw new Error('backup-worker must run in a worker thread.');
const { dbPath, target } = workerData as BackupWorkerInput;

// openSqlite applies an encrypted file's key, inherited from the backend's environment data.
const db = openSqlite(dbPath, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
try {
  // The backup API refuses an encrypted source; VACUUM INTO writes a copy with the same key.
  if (isEncryptedFile(dbPath)) db.prepare('VACUUM INTO ?').run(target);
  else await db.backup(target, { progress: () => 0x7fffffff });
  // A rollback journal, so the copy opens read-only anywhere (a USB drive included). Leaving the
  // WAL syncs the whole fresh copy: here that wait holds no one up.
  const copy = openSqlite(target, { fileMustExist: true, key: databaseKeyFor(dbPath) });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  port.postMessage({ ok: true } satisfies FromBackupWorker);
} catch (error) {
  port.postMessage({
    ok: false,
    message: error instanceof Error ? error.message : String(error),
  } satisfies FromBackupWorker);
} finally {
  db.close();
  port.close();
}
