import { join } from 'node:path';
import { startBackend } from '../../main/backend/backend';
import { loadDemoSchool } from '../../main/backend/demo/load-demo';
import { getJob } from '../../main/backend/jobs/queue';
import { fileSecretStore } from '../../main/backend/secrets/file-secret-store';
import { champion } from '../../main/backend/services/model-registry';

/** The quickest training that still makes a real model version: logistic regression alone. */
export const fastTraining = { candidates: ['logistic'] };
export const jobToday = '2026-11-29';

/**
 * A demo school (through the one demo builder) with a first champion, written to `dir` and
 * closed: the starting file the job kill and race tests copy for each round.
 */
export async function schoolWithChampion(
  dir: string,
  students = 150,
): Promise<{ path: string; secretsDir: string; schoolId: string; championId: string }> {
  const path = join(dir, 'prepared.sqlite');
  const secretsDir = join(dir, 'secrets');
  const backend = await startBackend({
    dbPath: path,
    secrets: fileSecretStore(secretsDir),
    today: () => jobToday,
    logDir: null,
  });
  try {
    const { schoolId } = loadDemoSchool(
      backend.context.db,
      { students, years: 3, seed: 3, today: jobToday },
      null,
    );
    const jobId = backend.context.jobs.enqueue(
      'train',
      { schoolId, trigger: 'test', seed: 1, trainOptions: fastTraining },
      schoolId,
    );
    await backend.jobs.runOnce();
    const job = getJob(backend.context.db, jobId);
    if (job?.status !== 'succeeded') throw new Error(`first training failed: ${job?.error}`);
    const live = champion(backend.context.db, schoolId);
    if (!live) throw new Error('no champion after the first training');
    backend.context.db.pragma('wal_checkpoint(TRUNCATE)');
    return { path, secretsDir, schoolId, championId: live.id };
  } finally {
    await backend.close();
  }
}
