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
 *
 * The laptop's clock can jump. Forward: one run is due, not one per interval skipped. Back,
 * past the last run: the next run is queued one interval after now (neither at once, which
 * would repeat the run, nor when the clock catches up again, which could lose months); a run
 * already waiting for a time the new clock puts more than an interval away is brought forward
 * the same way.
 */
export function enqueueDueSchedules(db: Db, schedules: Schedule[], now = Date.now()): string[] {
  const enqueued: string[] = [];
  const pending = db.prepare(
    `SELECT id, status, run_after FROM jobs WHERE kind = ? AND school_id IS ?
     AND status IN ('queued', 'running') LIMIT 1`,
  );
  // When a run was due to start (run_after): the time it was enqueued for, which is when a
  // clock-back run was meant to happen, not when it was queued.
  const lastRun = db.prepare(
    `SELECT max(run_after) FILTER (WHERE run_after <= @now) AS past,
            max(run_after) FILTER (WHERE run_after > @now) AS future
     FROM jobs WHERE kind = @kind AND school_id IS @school AND status != 'cancelled'`,
  );
  const bringForward = db.prepare(`UPDATE jobs SET run_after = ? WHERE id = ?`);
  writeTransaction(db, () => {
    for (const s of schedules) {
      const waiting = pending.get(s.kind, s.schoolId) as
        { id: string; status: string; run_after: string } | undefined;
      if (waiting) {
        if (waiting.status === 'queued' && Date.parse(waiting.run_after) > now + s.everyMs) {
          bringForward.run(iso(now + s.everyMs), waiting.id);
        }
        continue;
      }
      const last = lastRun.get({ now: iso(now), kind: s.kind, school: s.schoolId }) as {
        past: string | null;
        future: string | null;
      };
      if (last.past !== null && Date.parse(last.past) + s.everyMs > now) continue;
      // Only runs "in the future": the clock went back past them, and no run happened since.
      const clockWentBack = last.past === null && last.future !== null;
      enqueued.push(
        enqueueJob(db, s.kind, s.payload ?? { trigger: 'schedule' }, {
          schoolId: s.schoolId,
          now,
          ...(clockWentBack ? { runAfterMs: now + s.everyMs } : {}),
        }),
      );
    }
  });
  return enqueued;
}

const iso = (ms: number) => new Date(ms).toISOString();
