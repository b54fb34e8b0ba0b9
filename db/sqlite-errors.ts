import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { BeaconError } from './errors';
import { readOnlyReason } from './writable';

/** The message every busy refusal carries: the CLI prints it, the renderer translates `BUSY`. */
export const busyMessage = 'Beacon is busy with another task, try again.';

/** Free space below which an I/O error is taken for a full disk. */
const nearlyFull = 1_000_000;

const mb = (bytes: number) => Math.max(1, Math.ceil(bytes / 1_000_000));

/** Free bytes on the disk holding `path`'s folder, or null when that cannot be read. */
function freeBytes(path: string): number | null {
  try {
    const s = statfsSync(dirname(path));
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/**
 * Space to free before a write can succeed: SQLite needs room for the write-ahead log and a
 * checkpoint, which can reach the size of what changed; 50 MB covers an ordinary day and an
 * import, and a database larger than that may need its own size again (for a rebuild).
 */
export const spaceNeeded = (databaseBytes: number): number => Math.max(50_000_000, databaseBytes);

/**
 * Turns SQLite's own error codes into BeaconErrors a person can act on: a busy or locked database
 * (BUSY), a read-only file or folder (READ_ONLY), a full disk (DISK_FULL, saying how much to free),
 * a damaged file (DATABASE_DAMAGED). Anything else answers null, to be handled as unexpected.
 * `path` is the database file, for the messages; `databaseBytes` its size, for the space needed.
 */
export function translateSqliteError(
  err: unknown,
  path?: string,
  databaseBytes = 0,
): BeaconError | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const file = path ? ` ${path}` : '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new BeaconError('BUSY', busyMessage);
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') {
    const reason = path ? readOnlyReason(path) : null;
    const which =
      reason === 'folder'
        ? `the folder ${dirname(path ?? '')} is read-only`
        : reason === 'file'
          ? `the file${file} is read-only`
          : 'the file or its folder is read-only';
    return new BeaconError(
      'READ_ONLY',
      `Beacon cannot write to the database${file}: ${which}. ` +
        'Give your account permission to write there, or copy the file to a folder you can write to.',
    );
  }
  const free = path ? freeBytes(path) : null;
  // Writing -wal or -shm on a full disk fails as an I/O error rather than SQLITE_FULL.
  const ioOnFullDisk = code.startsWith('SQLITE_IOERR') && free !== null && free < nearlyFull;
  if (code === 'SQLITE_FULL' || ioOnFullDisk) {
    const freeText = free === null ? '' : ` (${mb(free)} MB free)`;
    return new BeaconError(
      'DISK_FULL',
      `The disk holding the database${file} is full${freeText}. Nothing was half-saved. ` +
        `Free at least ${mb(spaceNeeded(databaseBytes))} MB on that disk and try again.`,
      { freeBytes: free, neededBytes: spaceNeeded(databaseBytes) },
    );
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new BeaconError(
      'DATABASE_DAMAGED',
      `The database${file} is damaged. Restore your latest backup, or ask your IT support for help.`,
    );
  }
  return null;
}
