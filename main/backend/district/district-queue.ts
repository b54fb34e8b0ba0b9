import pg from 'pg';
import PgBoss from 'pg-boss';
import { BeaconError } from '../../../db';
import type { JobProgress } from '../jobs/runner';
import { centralApplied, checkCentralSchema } from '../central/central-schema';
import { withAdmin } from '../central/central-admin';
import { clientConfig, type CentralTarget } from '../central/central-url';
import {
  trainSchoolForDistrict,
  workerName,
  type DistrictTrainPayload,
  type PublishedModel,
} from './district-train';

/** The pg-boss queue of district training: one job per school. */
export const TRAIN_QUEUE = 'beacon-district-train';

/** pg-boss keeps its own tables in this schema of the central database. */
const BOSS_SCHEMA = 'beacon_jobs';

/** A training that has not finished in this long is given up and retried (a worker died). */
const EXPIRE_SECONDS = 6 * 3_600;

function boss(target: CentralTarget, options: { max: number; supervise: boolean }): PgBoss {
  const c = clientConfig(target);
  const b = new PgBoss({
    host: c.host,
    port: c.port,
    database: c.database,
    user: c.user,
    ...(typeof c.password === 'string' ? { password: c.password } : {}),
    ssl: c.ssl,
    application_name: 'beacon-district-train',
    schema: BOSS_SCHEMA,
    max: options.max,
    supervise: options.supervise,
    schedule: false,
  });
  return b;
}

/**
 * Starts pg-boss and makes the queue once. Two workers starting together deadlocked in pg-boss's
 * `create_queue` (each inserts the queue row and creates its partition), so every Beacon process
 * does this under one advisory lock.
 */
async function started(target: CentralTarget, b: PgBoss): Promise<PgBoss> {
  const c = new pg.Client(clientConfig(target));
  c.on('error', () => undefined);
  await c.connect();
  try {
    await c.query(`SELECT pg_advisory_lock(hashtext('beacon-district-queue'))`);
    await b.start();
    if (!(await b.getQueue(TRAIN_QUEUE))) {
      // 'stately': at most one job of a school waiting and one running, whoever queues it.
      await b.createQueue(TRAIN_QUEUE, {
        name: TRAIN_QUEUE,
        policy: 'stately',
        retryLimit: 1,
        retryDelay: 60,
        expireInSeconds: EXPIRE_SECONDS,
      });
    }
    return b;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export interface Queued {
  queued: { code: string; jobId: string }[];
  /** Schools that already had a training waiting: queued once, not twice. */
  alreadyQueued: string[];
}

/**
 * Queues one training job per school: the named ones (each must exist, not be revoked and have
 * synced; otherwise nothing is queued), or every school that has synced.
 */
export async function queueDistrictTraining(
  target: CentralTarget,
  request: {
    codes?: readonly string[];
    today: string;
    trainOptions?: DistrictTrainPayload['trainOptions'];
  },
): Promise<Queued> {
  const codes = await withAdmin(target, async (c) => {
    checkCentralSchema(await centralApplied(c), target.host);
    const res = await c.query<{ code: string; school_id: string | null; revoked: boolean }>(
      `SELECT code, school_id, revoked_at IS NOT NULL AS revoked FROM school_accounts ORDER BY code`,
    );
    if (!request.codes?.length) {
      return res.rows.filter((r) => r.school_id && !r.revoked).map((r) => r.code);
    }
    const byCode = new Map(res.rows.map((r) => [r.code, r]));
    for (const code of request.codes) {
      const r = byCode.get(code);
      if (!r)
        throw new BeaconError(
          'NOT_FOUND',
          `School ${code} has no account on this server; nothing was queued.`,
        );
      if (r.revoked)
        throw new BeaconError('CONFLICT', `School ${code} was revoked; nothing was queued.`);
      if (!r.school_id) {
        throw new BeaconError(
          'NOT_FOUND',
          `School ${code} has not synced yet, so there is nothing to train on; nothing was queued.`,
        );
      }
    }
    return [...new Set(request.codes)];
  });
  if (codes.length === 0) {
    throw new BeaconError('NOT_FOUND', 'No school has synced yet: there is nothing to train.');
  }
  const b = await started(target, boss(target, { max: 2, supervise: false }));
  try {
    const out: Queued = { queued: [], alreadyQueued: [] };
    for (const code of codes) {
      const payload: DistrictTrainPayload = {
        code,
        today: request.today,
        ...(request.trainOptions ? { trainOptions: request.trainOptions } : {}),
      };
      const id = await b.send(TRAIN_QUEUE, payload, { singletonKey: code });
      if (id) out.queued.push({ code, jobId: id });
      else out.alreadyQueued.push(code);
    }
    return out;
  } finally {
    await b.stop({ graceful: false, wait: true });
  }
}

export type WorkerEvent =
  | { type: 'ready'; worker: string; concurrency: number }
  | { type: 'started'; code: string; jobId: string }
  | { type: 'progress'; code: string; progress: JobProgress }
  | { type: 'trained'; code: string; jobId: string; model: PublishedModel }
  | { type: 'failed'; code: string; jobId: string; message: string };

export interface DistrictWorker {
  /** Stops taking jobs and waits for the ones under way (graceful). */
  stop(): Promise<void>;
  /** Resolves when every one of these jobs has finished, well or not. */
  settled(jobIds: readonly string[]): Promise<void>;
}

/**
 * Takes training jobs from the queue, `concurrency` at a time in this process (each training runs
 * in its own worker thread), until stopped. Any number of these, on one machine or several,
 * share the queue: pg-boss hands each job to one of them, and the school's advisory lock keeps
 * two from ever training one school at once.
 */
export async function startDistrictWorker(
  target: CentralTarget,
  options: { concurrency: number; onEvent?: (e: WorkerEvent) => void },
): Promise<DistrictWorker> {
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const emit = options.onEvent ?? (() => undefined);
  const b = await started(target, boss(target, { max: concurrency + 2, supervise: true }));
  b.on('error', (err) => emit({ type: 'failed', code: '', jobId: '', message: err.message }));
  const controllers = new Set<AbortController>();
  const handler = async ([job]: PgBoss.Job<DistrictTrainPayload>[]) => {
    if (!job) return null;
    const { code } = job.data;
    const controller = new AbortController();
    controllers.add(controller);
    emit({ type: 'started', code, jobId: job.id });
    try {
      const model = await trainSchoolForDistrict(target, job.data, {
        signal: controller.signal,
        progress: (progress) => emit({ type: 'progress', code, progress }),
      });
      emit({ type: 'trained', code, jobId: job.id, model });
      return model;
    } catch (err) {
      emit({ type: 'failed', code, jobId: job.id, message: (err as Error).message });
      throw err;
    } finally {
      controllers.delete(controller);
    }
  };
  // One pg-boss worker per slot, each taking one job at a time: `concurrency` trainings at once.
  for (let i = 0; i < concurrency; i++) {
    await b.work<DistrictTrainPayload>(
      TRAIN_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: 0.5 },
      handler,
    );
  }
  emit({ type: 'ready', worker: workerName(), concurrency });
  return {
    async stop() {
      await b.stop({ graceful: true, wait: true, timeout: 30_000 });
      for (const c of controllers) c.abort();
    },
    async settled(jobIds) {
      const done = new Set(['completed', 'failed', 'cancelled']);
      for (;;) {
        const states = await Promise.all(
          jobIds.map(async (id) => (await b.getJobById(TRAIN_QUEUE, id))?.state ?? 'completed'),
        );
        if (states.every((s) => done.has(s))) return;
        await new Promise((r) => setTimeout(r, 500));
      }
    },
  };
}
