import type { Db } from './driver';

/**
 * Handing deleted space back to the disk (issue 8). A Beacon file is `auto_vacuum = INCREMENTAL`:
 * pages freed by deletes stay in SQLite's freelist until `PRAGMA incremental_vacuum` moves the
 * file's last pages into them and cuts the file shorter. The backend does that a bounded step at a
 * time while requests pause (`reclaimFreePages`, next to the idle checkpoint), and a file made
 * before the setting existed is converted once when it is opened (`convertToIncrementalVacuum`).
 */

/** SQLite's `auto_vacuum` values. */
const AUTO_VACUUM_INCREMENTAL = 2;

/**
 * Free space below this is left alone: a few megabytes are reused by the next writes anyway, and
 * moving pages for them would only churn the WAL.
 */
export const RECLAIM_MIN_FREE_BYTES = 4 * 1024 * 1024;
/** At most this much is moved per idle step, so a step never holds the write lock for long. */
export const RECLAIM_STEP_BYTES = 8 * 1024 * 1024;

export function autoVacuumMode(db: Db): number {
  return db.pragma('auto_vacuum', { simple: true }) as number;
}

export interface ReclaimOptions {
  minFreeBytes?: number;
  stepBytes?: number;
}

/**
 * One bounded step of giving free pages back: when the freelist holds at least `minFreeBytes`,
 * up to `stepBytes` of it are cut off the end of the file (through the WAL: the file itself
 * shrinks at the next complete checkpoint). Never waits for the write lock: a busy database skips
 * the step. Answers the number of pages freed (0 when nothing was done).
 */
export function reclaimFreePages(db: Db, options: ReclaimOptions = {}): number {
  if (db.readonly || db.inTransaction || autoVacuumMode(db) !== AUTO_VACUUM_INCREMENTAL) return 0;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  if (free * pageSize < (options.minFreeBytes ?? RECLAIM_MIN_FREE_BYTES)) return 0;
  const step = Math.max(1, Math.floor((options.stepBytes ?? RECLAIM_STEP_BYTES) / pageSize));
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    // exec, not pragma(): the pragma answers a row per page, which nobody reads.
    db.exec(`PRAGMA incremental_vacuum(${step})`);
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) return 0;
    throw err;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
  return free - (db.pragma('freelist_count', { simple: true }) as number);
}

/**
 * Converts a file made before `auto_vacuum = INCREMENTAL` (SQLite only changes the mode of an
 * existing file with a VACUUM, which also hands back every free page at once). VACUUM is one
 * transaction: interrupted (a crash, a full disk), the file is as it was and the next open tries
 * again. Answers whether the file was converted now.
 */
export function convertToIncrementalVacuum(db: Db): boolean {
  if (db.readonly || autoVacuumMode(db) === AUTO_VACUUM_INCREMENTAL) return false;
  db.pragma('auto_vacuum = INCREMENTAL');
  db.exec('VACUUM');
  return autoVacuumMode(db) === AUTO_VACUUM_INCREMENTAL;
}
