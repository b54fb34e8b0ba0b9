import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileSize, prepared, type Db } from '../../../db';
import { champion } from '../services/model-registry';
import { currentSchool } from '../services/school';
import type { Figures } from './health-samples';

const DAY_MS = 86_400_000;

/** Share of jobs that ended failed among those that ended in the last 30 days; null if none. */
export function jobFailureRate(db: Db, now: Date): number | null {
  const row = prepared(
    db,
    `SELECT count(*) AS ended, coalesce(sum(status = 'failed'), 0) AS failed FROM jobs
     WHERE status IN ('succeeded', 'failed') AND finished_at >= ?`,
  ).get(new Date(now.getTime() - 30 * DAY_MS).toISOString()) as { ended: number; failed: number };
  return row.ended === 0 ? null : row.failed / row.ended;
}

function freeDisk(path: string): number | null {
  try {
    const fs = statfsSync(dirname(path));
    return fs.bavail * fs.bsize;
  } catch {
    return null;
  }
}

/**
 * The figures that can be read at any moment: the champion's held-out AUC, the job failure
 * rate, the database's size with its WAL, free disk, and the newest backup's age.
 */
export function measureNow(
  db: Db,
  dbPath: string,
  newestBackupAt: string | null,
  now: Date,
): Figures {
  const school = currentSchool(db);
  const live = school ? champion(db, school.id) : null;
  const heldOut = live?.metrics.heldOut as { rocAuc?: unknown } | undefined;
  return {
    champion_auc: typeof heldOut?.rocAuc === 'number' ? heldOut.rocAuc : null,
    job_failure_rate: jobFailureRate(db, now),
    database_bytes: fileSize(dbPath) + fileSize(`${dbPath}-wal`),
    free_disk_bytes: freeDisk(dbPath),
    last_backup_age_hours:
      newestBackupAt === null
        ? null
        : Math.max(0, (now.getTime() - Date.parse(newestBackupAt)) / 3_600_000),
  };
}
