import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db';
import { acquireLock, lockHolder } from '../../main/backend/jobs/locks';
import {
  claimNextJob,
  completeJob,
  enqueueJob,
  getJob,
  listJobs,
} from '../../main/backend/jobs/queue';
import { JobRunner } from '../../main/backend/jobs/runner';
import { enqueueDueSchedules } from '../../main/backend/jobs/schedule';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});
async function open(): Promise<Db> {
  const { db } = await openDatabase(join(tempDir(), 'clock.sqlite'));
  dbs.push(db);
  return db;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 2, 2, 9);
const daily = [{ kind: 'backup', everyMs: DAY, schoolId: null }];

/**
 * The laptop's scheduler as the backend runs it: at every check, enqueue what is due, then run
 * what is ready. Answers the times (on the laptop's clock) at which runs happened.
 */
function keepSchedule(db: Db, checks: number[]): number[] {
  const ran: number[] = [];
  for (const now of checks) {
    enqueueDueSchedules(db, daily, now);
    const job = claimNextJob(db, 'laptop', 60_000, now);
    if (job) {
      completeJob(db, job.id, 'laptop', null, now);
      ran.push(now);
    }
  }
  return ran;
}
const hourly = (from: number, hours: number) =>
  Array.from({ length: hours }, (_, i) => from + i * HOUR);

describe('scheduled runs when the clock jumps', () => {
  it('runs daily on a steady clock', async () => {
    const db = await open();
    expect(keepSchedule(db, hourly(T0, 73))).toEqual([T0, T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY]);
  });

  it('set back an hour right after a run: no repeat, and the next run a day of real time later', async () => {
    const db = await open();
    // Checks every real hour; after the run the clock is set back two hours, so the first
    // check after it reads an hour before the run.
    const ran = keepSchedule(db, [T0, ...hourly(T0 - HOUR, 30)]);
    // Next run 25 real hours after the first: a day on the clock as it now reads.
    expect(ran).toEqual([T0, T0 - HOUR + DAY]);
    // One run a day, counted on the clock as it now reads.
    expect(listJobs(db, { kind: 'backup' })).toHaveLength(2);
  });

  it('set back a year: runs one interval later, not a year later, and only once', async () => {
    const db = await open();
    expect(keepSchedule(db, [T0])).toEqual([T0]);
    const yearAgo = T0 - 365 * DAY;
    const ran = keepSchedule(db, hourly(yearAgo, 49));
    expect(ran).toEqual([yearAgo + DAY, yearAgo + 2 * DAY]);
  });

  it('set forward ten days: one catch-up run, not ten', async () => {
    const db = await open();
    keepSchedule(db, [T0]);
    const later = T0 + 10 * DAY;
    expect(keepSchedule(db, hourly(later, 24))).toEqual([later]);
  });

  it('brings forward a run that waits for a time the clock went back from', async () => {
    const db = await open();
    keepSchedule(db, [T0]);
    keepSchedule(db, [T0 - HOUR]); // back an hour: the next run waits a day
    const [waiting] = listJobs(db, { kind: 'backup', status: 'queued' });
    expect(Date.parse(waiting?.runAfter ?? '')).toBe(T0 - HOUR + DAY);
    const back = T0 - 200 * DAY; // back again, much further
    expect(keepSchedule(db, hourly(back, 25))).toEqual([back + DAY]);
    expect(listJobs(db, { kind: 'backup' })).toHaveLength(2);
  });
});

describe('leases when the clock jumps', () => {
  it('a dead process’s job is taken over within a lease of the new clock, not when it catches up', async () => {
    const db = await open();
    const id = enqueueJob(db, 'train', {}, { now: T0 });
    expect(claimNextJob(db, 'dead', 60_000, T0)?.id).toBe(id);
    const back = T0 - 30 * DAY;
    expect(claimNextJob(db, 'other', 60_000, back)).toBeNull();
    expect(claimNextJob(db, 'other', 60_000, back + 60_001)?.id).toBe(id);
  });

  it('a live process keeps its job: it renews the lease the clock change cut', async () => {
    const db = await open();
    let now = T0;
    let started!: () => void;
    const isRunning = new Promise<void>((resolve) => (started = resolve));
    let finish!: () => void;
    const runner = new JobRunner({
      db,
      owner: 'live',
      leaseMs: 300,
      pollMs: 20,
      now: () => now,
      emit: () => {},
      handlers: {
        slow: (_job, { signal }) =>
          new Promise((resolve, reject) => {
            started();
            finish = () => resolve('done');
            signal.addEventListener('abort', () => reject(new Error('lost the job')));
          }),
      },
    });
    const id = enqueueJob(db, 'slow', {}, { now });
    const run = runner.runOnce();
    await isRunning;
    now = T0 - DAY; // the clock goes back a day under the running job
    expect(claimNextJob(db, 'other', 300, now)).toBeNull();
    await new Promise((r) => setTimeout(r, 100)); // the runner renews on the new clock
    now += 200;
    expect(claimNextJob(db, 'other', 300, now)).toBeNull();
    finish();
    await run;
    expect(getJob(db, id)).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('a job taken over after the clock jumped forward stops in the first process', async () => {
    const db = await open();
    let started!: () => void;
    const isRunning = new Promise<void>((resolve) => (started = resolve));
    let aborted = false;
    const runner = new JobRunner({
      db,
      owner: 'first',
      leaseMs: 300,
      pollMs: 20,
      now: () => Date.now(),
      emit: () => {},
      handlers: {
        slow: (_job, { signal }) =>
          new Promise((_resolve, reject) => {
            started();
            signal.addEventListener('abort', () => {
              aborted = true;
              reject(new Error('stopped'));
            });
          }),
      },
    });
    const id = enqueueJob(db, 'slow', {});
    const run = runner.runOnce();
    await isRunning;
    // Another process whose clock reads a day later sees the lease as long expired.
    expect(claimNextJob(db, 'second', 300, Date.now() + DAY)?.id).toBe(id);
    await run;
    expect(aborted).toBe(true);
    expect(getJob(db, id)).toMatchObject({ status: 'running', attempts: 2 });
  });

  it('cuts a lock taken before the clock went back to one lease from now', async () => {
    const db = await open();
    expect(acquireLock(db, 'train:school', 'dead-job', 6 * HOUR, T0)).toBe(true);
    const back = T0 - 10 * DAY;
    expect(acquireLock(db, 'train:school', 'new-job', 6 * HOUR, back)).toBe(false);
    expect(lockHolder(db, 'train:school', back + 6 * HOUR - 1)).toBe('dead-job');
    expect(acquireLock(db, 'train:school', 'new-job', 6 * HOUR, back + 6 * HOUR)).toBe(true);
  });
});
