import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupInfo, BackupReason } from '../../../contract';
import { BeaconError, isEncryptedFile } from '../../../db';
import { spawnWorker } from '../jobs/spawn-worker';
import { backupName, parseBackupName, removeAbandonedPartials } from './backup-files';
import type { BackupWorkerInput, FromBackupWorker } from './backup-worker';

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
 * Copies the database at `dbPath` into `target` in the backup worker (see backup-worker.ts), so
 * the calling thread keeps answering while hundreds of MB are copied.
 */
function copyInWorker(dbPath: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(import.meta.url, 'backup-worker', {
      dbPath,
      target,
    } satisfies BackupWorkerInput);
    let answer: FromBackupWorker | null = null;
    worker.on('message', (m: FromBackupWorker) => (answer = m));
    worker.on('error', reject);
    worker.on('exit', (code) => {
      const a = answer as FromBackupWorker | null;
      if (a?.ok) resolve();
      else if (a) reject(new Error(a.message));
      else
        reject(
          new Error(`The backup worker stopped (exit code ${code}) before the copy was made.`),
        );
    });
  });
}

/**
 * Writes an online backup of the open database, copied in a worker (SQLite's backup API for a
 * plain file, `VACUUM INTO` for an encrypted one, which keeps the same key; the flushes to disk
 * run off this thread too). The copy is written as `<name>.partial-<pid>`, set to a rollback
 * journal (so it opens read-only anywhere, a USB drive included), flushed, and only then
 * renamed: a backup killed half-way never looks like a backup.
 */
export async function writeBackup(dbPath: string, target: BackupTarget): Promise<BackupInfo> {
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
    await copyInWorker(dbPath, partial);
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
