import { writeTransaction, type Db } from '../../../db';
import { enqueueJob } from './queue';

export interface Schedule {
  kind: string;
  everyMs: number;
  schoolId: string | null;
  payload?: unknown;
}

/**
 * Enqueues each scheduled job whose last run is older than its interval, unless one is already
 * waiting or running. Laptops sleep at night, so this runs at every start as well as on a timer:
 * a run missed while the lid was shut is caught up at the next start. The last run is read from
 * the jobs table itself, so there is no second record to drift.
 */
export function enqueueDueSchedules(db: Db, schedules: Schedule[], now = Date.now()): string[] {
  const enqueued: string[] = [];
  const pending = db.prepare(
    `SELECT 1 FROM jobs WHERE kind = ? AND school_id IS ? AND status IN ('queued', 'running') LIMIT 1`,
  );
  const lastRun = db.prepare(
    `SELECT max(created_at) FROM jobs WHERE kind = ? AND school_id IS ? AND status != 'cancelled'`,
  );
  writeTransaction(db, () => {
    for (const s of schedules) {
      if (pending.get(s.kind, s.schoolId)) continue;
      const last = lastRun.pluck().get(s.kind, s.schoolId) as string | null;
      if (last !== null && Date.parse(last) + s.everyMs > now) continue;
      enqueued.push(
        enqueueJob(db, s.kind, s.payload ?? { trigger: 'schedule' }, { schoolId: s.schoolId, now }),
      );
    }
  });
  return enqueued;
}
