import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db';
import { acquireJobLock, lockHolder } from '../../main/backend/jobs/locks';
import {
  claimNextJob,
  enqueueJob,
  enqueueOnce,
  getJob,
  listJobs,
} from '../../main/backend/jobs/queue';
import { JobRunner } from '../../main/backend/jobs/runner';
import { spawnChild } from '../support/spawn-child';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

async function open() {
  const path = join(tempDir(), 'jobs.sqlite');
  const { db } = await openDatabase(path);
  dbs.push(db);
  return { db, path };
}

/** Runs one claim in a real child process; answers its first line ("running N" or "none"). */
async function childClaims(path: string, killWhenRunning: boolean): Promise<string> {
  const child = spawnChild('job-runner-child', [path, '60000']);
  afterTest(() => child.process.kill('SIGKILL'));
  const first = await new Promise<string>((resolve, reject) => {
    child.process.stdout.on('data', () => {
      if (child.lines.length > 0) resolve(child.lines[0] ?? '');
    });
    void child.exited.then((e) =>
      child.lines.length > 0 ? resolve(child.lines[0] ?? '') : reject(new Error(e.stderr)),
    );
  });
  if (killWhenRunning && first.startsWith('running')) {
    child.process.kill('SIGKILL');
    await child.exited;
  } else {
    const exit = await child.exited;
    expect(exit.stderr).toBe('');
  }
  return first;
}

/** What the lease's running out looks like, without waiting for it. */
const expireLeases = (db: Db) =>
  db
    .prepare(
      "UPDATE jobs SET lease_expires_at = '2000-01-01T00:00:00.000Z' WHERE status = 'running'",
    )
    .run();

describe('jobs across real processes', () => {
  it('a job whose processes die is retried while attempts remain, then failed: never more attempts than allowed', async () => {
    const { db, path } = await open();
    const id = enqueueJob(db, 'work', {}, { maxAttempts: 2 });

    expect(await childClaims(path, true)).toBe('running 1');
    expect(getJob(db, id)).toMatchObject({ status: 'running', attempts: 1 });
    // While the dead process's lease lasts, nobody else runs the job...
    expect(await childClaims(path, false)).toBe('none');
    // ...and asking for the same work again picks up this job instead of queueing a duplicate.
    expireLeases(db);
    expect(enqueueOnce(db, 'work', {}, { maxAttempts: 2 })).toBe(id);

    expect(await childClaims(path, true)).toBe('running 2');
    expireLeases(db);
    expect(await childClaims(path, false)).toBe('none');
    expect(getJob(db, id)).toMatchObject({
      status: 'failed',
      attempts: 2,
      error: 'The Beacon process running it stopped before it finished, 2 time(s) of 2 allowed.',
    });
    expect(listJobs(db)).toHaveLength(1);
  }, 60_000);

  it('a lock left by a job that died is taken over; a live job keeps its lock', async () => {
    const { db } = await open();
    const now = Date.UTC(2026, 0, 5, 8);
    const dead = enqueueJob(db, 'train', {}, { now });
    const next = enqueueJob(db, 'train', {}, { now });
    claimNextJob(db, 'process-a', 60_000, now, undefined, dead);
    expect(acquireJobLock(db, 'train:s', dead, 6 * 3_600_000, now)).toBe(true);
    expect(acquireJobLock(db, 'train:s', next, 6 * 3_600_000, now + 1_000)).toBe(false);
    // Process A died: its lease runs out after a minute, not after the lock's six hours.
    expect(acquireJobLock(db, 'train:s', next, 6 * 3_600_000, now + 60_001)).toBe(true);
    expect(lockHolder(db, 'train:s', now + 60_002)).toBe(next);
  });

  it('runs the job asked for, not an older one', async () => {
    const { db } = await open();
    const older = enqueueJob(db, 'work', {});
    const mine = enqueueJob(db, 'work', {});
    const ran: string[] = [];
    const runner = new JobRunner({
      db,
      emit: () => undefined,
      handlers: { work: async (job) => void ran.push(job.id) },
    });
    await runner.runOnce(mine);
    expect(ran).toEqual([mine]);
    expect(getJob(db, older)?.status).toBe('queued');
  });
});

describe('no uncaught exception ends the backend', () => {
  it('progress sent from a message handler while the database is busy is skipped, and the job still finishes', async () => {
    const { db, path } = await open();
    db.pragma('busy_timeout = 20');
    const id = enqueueJob(db, 'work', {});
    const other = new Database(path);
    afterTest(() => other.close());
    const runner = new JobRunner({
      db,
      emit: () => undefined,
      handlers: {
        work: async (_job, tools) => {
          other.prepare('BEGIN IMMEDIATE').run();
          // A worker's message arrives as an event: a throw here would be uncaught.
          await new Promise<void>((resolve) =>
            setImmediate(() => {
              tools.progress({ stage: 'fitting', progress: 0.5 });
              resolve();
            }),
          );
          other.prepare('ROLLBACK').run();
          return 'trained';
        },
      },
    });
    expect(await runner.runOnce()).toBe(true);
    expect(getJob(db, id)).toMatchObject({ status: 'succeeded', result: 'trained' });
  });

  it('a job whose result cannot be recorded (busy database) is left to be claimed again, and runOnce does not reject', async () => {
    const { db, path } = await open();
    db.pragma('busy_timeout = 20');
    const id = enqueueJob(db, 'work', {});
    const other = new Database(path);
    afterTest(() => other.close());
    const runner = new JobRunner({
      db,
      emit: () => undefined,
      handlers: {
        work: async () => {
          other.prepare('BEGIN IMMEDIATE').run();
          return 'done';
        },
      },
    });
    await expect(runner.runOnce()).resolves.toBe(true);
    other.prepare('ROLLBACK').run();
    expect(getJob(db, id)).toMatchObject({ status: 'running', attempts: 1 });
  });
});
