import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../main/backend/backend';
import { claimNextJob, completeJob, listJobs } from '../../main/backend/jobs/queue';
import { seededSchool } from '../support/school';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const backends: Backend[] = [];
afterEach(async () => {
  for (const b of backends.splice(0)) await b.close();
});

describe('the app asking to retrain while a training is queued or running', () => {
  it('follows the training under way instead of queueing a second one, then queues after it ends', async () => {
    // No job runner: the queued job stays queued until the test claims it.
    const { backend, admin } = await seededSchool(tempDir());
    backends.push(backend);
    const db = backend.context.db;
    const trainJobs = () => listJobs(db, { kind: 'train' });

    const first = await admin.trainModel({});
    if (!first.ok) throw new Error(first.message);
    expect(first.value.alreadyUnderWay).toBe(false);

    // Five clicks at once (two windows, a double click): all follow the first job.
    const again = await Promise.all([1, 2, 3, 4, 5].map(() => admin.trainModel({})));
    for (const r of again) {
      expect(r).toEqual({ ok: true, value: { jobId: first.value.jobId, alreadyUnderWay: true } });
    }
    expect(trainJobs()).toHaveLength(1);

    // Running now (another process holds its lease): still the same job.
    const claimed = claimNextJob(db, 'other-process', 60_000);
    expect(claimed?.id).toBe(first.value.jobId);
    const whileRunning = await admin.trainModel({});
    expect(whileRunning).toEqual({
      ok: true,
      value: { jobId: first.value.jobId, alreadyUnderWay: true },
    });
    expect(trainJobs()).toHaveLength(1);

    // Once it has ended, a new request queues a new training.
    completeJob(db, first.value.jobId, 'other-process', null);
    const next = await admin.trainModel({});
    if (!next.ok) throw new Error(next.message);
    expect(next.value.alreadyUnderWay).toBe(false);
    expect(next.value.jobId).not.toBe(first.value.jobId);
    expect(trainJobs()).toHaveLength(2);
  });
});
