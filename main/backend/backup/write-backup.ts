import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupInfo, BackupReason } from '../../../contract';
import { BeaconError, isEncryptedFile, openSqlite, type Db } from '../../../db';
import { databaseKeyFor } from '../../../db/driver';
import { backupName, parseBackupName, removeAbandonedPartials } from './backup-files';

export interface BackupTarget {
  folder: string;
  /** The school tag in the file name (see `schoolTag`). */
  tag: string;
  reason: BackupReason;
  at?: Date;
}

/**
 * Writes a file's data to the disk, so a backup survives the laptop being switched off. On
 * libuv's thread pool: an fsync of a school's file can take hundreds of milliseconds, which the
 * backend's thread would otherwise spend blocked (every training job starts with a backup).
 */
async function flush(path: string): Promise<void> {
  const file = await open(path, 'r+');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}

/**
 * Pages per step of SQLite's backup API, between which the event loop runs: small, because a
 * step's writes can wait on the disk when the page cache is full of the copy's dirty pages.
 */
const PAGES_PER_STEP = 32;

/**
 * Writes an online backup of the open database: SQLite's backup API for a plain file (in steps,
 * so the backend keeps answering; the flush to disk runs off its thread), `VACUUM INTO` for an encrypted one (the backup API refuses an
 * encrypted source; the copy keeps the same key). The copy is written as `<name>.partial-<pid>`,
 * set to a rollback journal (so it opens read-only anywhere, a USB drive included), flushed, and
 * only then renamed: a backup killed half-way never looks like a backup.
 */
export async function writeBackup(
  db: Db,
  dbPath: string,
  target: BackupTarget,
): Promise<BackupInfo> {
  try {
    mkdirSync(target.folder, { recursive: true });
  } catch (err) {
    // A file where the folder should be is the user's choice to correct, not an internal error.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new BeaconError(
        'INVALID_INPUT',
        `The backup folder ${target.folder} cannot be made: a file has that name. Choose another folder.`,
      );
    }
    throw err;
  }
  removeAbandonedPartials(target.folder);
  const at = target.at ?? new Date();
  const name = backupName(target.folder, target.tag, target.reason, at);
  const path = join(target.folder, name);
  const partial = `${path}.partial-${process.pid}`;
  const encrypted = isEncryptedFile(dbPath);
  try {
    if (encrypted) db.prepare('VACUUM INTO ?').run(partial);
    else await db.backup(partial, { progress: () => PAGES_PER_STEP });
    // Written out first, off this thread: leaving the WAL syncs the file, and that sync would
    // otherwise flush the whole fresh copy from the page cache with this thread waiting (about a
    // second for the demo school's 490 MB under load). The second flush then has little to do.
    await flush(partial);
    const copy = openSqlite(partial, { fileMustExist: true, key: databaseKeyFor(dbPath) });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    await flush(partial);
    renameSync(partial, path);
  } finally {
    rmSync(partial, { force: true });
  }
  return {
    path,
    name,
    createdAt: parseBackupName(name)?.createdAt ?? at.toISOString(),
    reason: target.reason,
    sizeBytes: statSync(path).size,
    encrypted,
  };
}
