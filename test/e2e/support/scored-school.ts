import { expect } from '@playwright/test';
import type { Backend } from '../../../main/backend/backend';
import { loadDemoSchool } from '../../../main/backend/demo/load-demo';
import { getJob } from '../../../main/backend/jobs/queue';

/**
 * Fills the signed-in school with a small demo history and trains one quick model on it, so
 * every student has a score with reasons: a minute's work instead of the demo's full training.
 * Answers the trained version's id.
 */
export async function scoreDemoSchool(backend: Backend, students = 120): Promise<string> {
  const today = backend.context.today();
  const { schoolId } = loadDemoSchool(
    backend.context.db,
    { students, years: 3, seed: 7, today },
    null,
  );
  const jobId = backend.context.jobs.enqueue(
    'train',
    { schoolId, trigger: 'test', seed: 1, trainOptions: { candidates: ['logistic'] } },
    schoolId,
  );
  await backend.jobs.runOnce();
  const job = getJob(backend.context.db, jobId);
  expect(job?.error ?? null).toBeNull();
  return (job?.result as { versionId: string }).versionId;
}
