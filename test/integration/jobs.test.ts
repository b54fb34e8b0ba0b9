import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Events } from '../../contract';
import { openDatabase, type Db } from '../../db';
import { acquireLock, lockHolder, releaseLock } from '../../main/backend/jobs/locks';
import {
  backoffMs,
  cancelJob,
  claimNextJob,
  completeJob,
  enqueueJob,
  failJob,
  getJob,
} from '../../main/backend/jobs/queue';
import { JobRunner } from '../../main/backend/jobs/runner';
import { enqueueDueSchedules } from '../../main/backend/jobs/schedule';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});
async function open(): Promise<{ db: Db; path: string }> {
  const path = join(tempDir(), 'jobs.sqlite');
  const { db } = await openDatabase(path);
  dbs.push(db);
  return { db, path };
}
const T0 = Date.UTC(2026, 0, 5, 8);

describe('the job queue', () => {
  it('gives a job to one owner at a time and takes it back when the lease runs out', async () => {
    const { db } = await open();
    const id = enqueueJob(db, 'train', { seed: 1 }, { now: T0 });
    expect(claimNextJob(db, 'a', 1000, T0)?.id).toBe(id);
    expect(claimNextJob(db, 'b', 1000, T0 + 500)).toBeNull();
    const reclaimed = claimNextJob(db, 'b', 1000, T0 + 1001);
    expect(reclaimed).toMatchObject({ id, attempts: 2, status: 'running' });
    completeJob(db, id, 'a', { stale: true }, T0 + 1002);
    expect(getJob(db, id)?.status).toBe('running');
    completeJob(db, id, 'b', { ok: true }, T0 + 1003);
    expect(getJob(db, id)).toMatchObject({ status: 'succeeded', result: { ok: true } });
  });

  it('retries with backoff, then fails for good', async () => {
    const { db } = await open();
    const id = enqueueJob(db, 'sync', {}, { now: T0, maxAttempts: 2 });
    claimNextJob(db, 'a', 1000, T0);
    expect(failJob(db, id, 'a', 'server unreachable', T0)).toBe('queued');
    expect(claimNextJob(db, 'a', 1000, T0 + backoffMs(1) - 1)).toBeNull();
    expect(claimNextJob(db, 'a', 1000, T0 + backoffMs(1))?.id).toBe(id);
    expect(failJob(db, id, 'a', 'still unreachable', T0 + backoffMs(1))).toBe('failed');
    expect(getJob(db, id)).toMatchObject({
      status: 'failed',
      error: 'still unreachable',
      attempts: 2,
    });
  });

  it('cancels a queued job at once', async () => {
    const { db } = await open();
    const id = enqueueJob(db, 'train', {}, { now: T0 });
    expect(cancelJob(db, id, T0)).toBe('cancelled');
    expect(claimNextJob(db, 'a', 1000, T0)).toBeNull();
    expect(cancelJob(db, 'no-such-job')).toBeNull();
  });
});

describe('the job runner', () => {
  it('runs a job, stores its result and reports progress', async () => {
    const { db } = await open();
    const events: Events['jobProgress'][] = [];
    const runner = new JobRunner({
      db,
      emit: (_e, p) => events.push(p),
      handlers: {
        count: async (job, { progress }) => {
          progress({ stage: 'counting', progress: 0.5 });
          return { doubled: (job.payload as { n: number }).n * 2 };
        },
      },
    });
    const id = enqueueJob(db, 'count', { n: 21 });
    expect(await runner.runOnce()).toBe(true);
    expect(getJob(db, id)).toMatchObject({ status: 'succeeded', result: { doubled: 42 } });
    expect(events.map((e) => e.stage)).toEqual(['started', 'counting', 'succeeded']);
    expect(await runner.runOnce()).toBe(false);
  });

  it('says it is busy while a job runs, so the backend leaves its idle checkpoint until after', async () => {
    const { db } = await open();
    let finish!: () => void;
    const busyInside: boolean[] = [];
    const runner = new JobRunner({
      db,
      emit: () => undefined,
      handlers: {
        hold: () =>
          new Promise<void>((resolve) => {
            busyInside.push(runner.busy);
            finish = resolve;
          }),
      },
    });
    expect(runner.busy).toBe(false);
    enqueueJob(db, 'hold', {});
    const ran = runner.runOnce();
    await expect.poll(() => busyInside.length).toBe(1);
    expect(busyInside).toEqual([true]);
    expect(runner.busy).toBe(true);
    finish();
    expect(await ran).toBe(true);
    expect(runner.busy).toBe(false);
  });

  it('aborts a running job when it is cancelled', async () => {
    const { db } = await open();
    const events: string[] = [];
    let started!: () => void;
    const isRunning = new Promise<void>((resolve) => (started = resolve));
    const runner = new JobRunner({
      db,
      pollMs: 10,
      emit: (_e, p) => events.push(p.stage),
      handlers: {
        slow: (_job, { signal }) =>
          new Promise((_resolve, reject) => {
            started();
            signal.addEventListener('abort', () => reject(new Error('stopped')));
          }),
      },
    });
    const id = enqueueJob(db, 'slow', {});
    const run = runner.runOnce();
    await isRunning;
    expect(cancelJob(db, id)).toBe('running');
    await run;
    expect(getJob(db, id)?.status).toBe('cancelled');
    expect(events).toContain('cancelled');
  });

  it('retries a failing job instead of losing it', async () => {
    const { db } = await open();
    const runner = new JobRunner({
      db,
      emit: () => {},
      handlers: {
        flaky: () => Promise.reject(new Error('disk full')),
      },
    });
    const id = enqueueJob(db, 'flaky', {});
    await runner.runOnce();
    expect(getJob(db, id)).toMatchObject({ status: 'queued', error: 'disk full', attempts: 1 });
  });
});

describe('lease locks', () => {
  it('keeps a lock for its owner until it expires or is released', async () => {
    const { db } = await open();
    expect(acquireLock(db, 'training', 'a', 1000, T0)).toBe(true);
    expect(acquireLock(db, 'training', 'b', 1000, T0 + 10)).toBe(false);
    expect(acquireLock(db, 'training', 'a', 1000, T0 + 20)).toBe(true);
    expect(lockHolder(db, 'training', T0 + 500)).toBe('a');
    expect(acquireLock(db, 'training', 'b', 1000, T0 + 1021)).toBe(true);
    releaseLock(db, 'training', 'a');
    expect(lockHolder(db, 'training', T0 + 1022)).toBe('b');
    releaseLock(db, 'training', 'b');
    expect(lockHolder(db, 'training', T0 + 1023)).toBeNull();
  });

  it('holds across processes', async () => {
    const { db, path } = await open();
    expect(acquireLock(db, 'retrain', 'this-process', 60_000)).toBe(true);
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const script = `
      import { openDatabase } from './db/index.ts';
      import { acquireLock } from './main/backend/jobs/locks.ts';
      const { db } = await openDatabase(${JSON.stringify(path)});
      process.stdout.write(String(acquireLock(db, 'retrain', 'other-process', 60000)));
      db.close();`;
    const other = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(other.stderr).toBe('');
    expect(other.stdout).toBe('false');
  });
});

describe('the schedule', () => {
  const week = 7 * 24 * 3_600_000;
  const schedules = [{ kind: 'retrain', everyMs: week, schoolId: null }];

  it('enqueues a job that never ran, and not again while it waits', async () => {
    const { db } = await open();
    expect(enqueueDueSchedules(db, schedules, T0)).toHaveLength(1);
    expect(enqueueDueSchedules(db, schedules, T0 + 2 * week)).toHaveLength(0);
  });

  it('catches up a run missed while the laptop slept, once', async () => {
    const { db } = await open();
    const [id] = enqueueDueSchedules(db, schedules, T0);
    claimNextJob(db, 'a', 1000, T0);
    completeJob(db, id ?? '', 'a', null, T0);
    expect(enqueueDueSchedules(db, schedules, T0 + week - 1)).toHaveLength(0);
    // The lid was shut for three weeks: one catch-up run, not three.
    expect(enqueueDueSchedules(db, schedules, T0 + 3 * week)).toHaveLength(1);
    expect(enqueueDueSchedules(db, schedules, T0 + 3 * week + 1)).toHaveLength(0);
  });
});
