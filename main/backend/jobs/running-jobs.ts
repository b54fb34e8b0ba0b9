import { prepared, type Db } from '../../../db';

/**
 * Jobs some process (this one or another on the same file) is running now: status running
 * with a lease that has not run out. A job whose process died stops counting when its lease does.
 */
export function runningJobCount(db: Db, now = Date.now()): number {
  return prepared(db, `SELECT count(*) FROM jobs WHERE status = 'running' AND lease_expires_at > ?`)
    .pluck()
    .get(new Date(now).toISOString()) as number;
}
