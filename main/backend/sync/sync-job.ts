import type { Db } from '../../../db';
import type { Job } from '../jobs/queue';
import type { JobTools } from '../jobs/runner';
import type { Schedule } from '../jobs/schedule';
import type { SecretStore } from '../secrets/secret-store';
import { runSync, type SyncSummary } from './run-sync';
import { readSyncState } from './sync-state';

/** How often a laptop with a connection syncs by itself (and at start, when a run was missed). */
export const SYNC_EVERY_MS = 3_600_000;

/** Attempts per sync job: the runner retries a failed one with backoff (30 s, 2 min, 8 min, ...). */
export const SYNC_ATTEMPTS = 4;

/**
 * The sync job: one sync, its progress reported as the job's. A job cut off midway resumes where
 * it stopped at the next attempt, because the push checkpoint moves after each committed batch.
 */
export async function runSyncJob(
  db: Db,
  secrets: SecretStore,
  _job: Job,
  tools: JobTools,
  today?: string,
): Promise<SyncSummary> {
  return runSync(db, secrets, {
    ...(today ? { today } : {}),
    signal: tools.signal,
    onProgress: (p) =>
      tools.progress({
        stage: p.phase,
        progress: null,
        message: `sent ${p.pushed}, received ${p.pulled}`,
      }),
  });
}

/** The sync schedule of a school, only when this laptop has a connection: else none, no nagging. */
export function syncSchedule(db: Db, schoolId: string): Schedule[] {
  if (!readSyncState(db, schoolId).connection) return [];
  return [{ kind: 'sync', everyMs: SYNC_EVERY_MS, schoolId, payload: { trigger: 'schedule' } }];
}
