import PgBoss from 'pg-boss';
import { BeaconError } from '../../../db';
import type { JobProgress } from '../jobs/runner';
import { centralApplied, checkCentralSchema } from '../central/central-schema';
import { withAdmin } from '../central/central-admin';
import type { CentralTarget } from '../central/central-url';
import { BOSS_SCHEMA, TRAIN_QUEUE, bossOptions } from '../central/job-queue';
import { centralError } from '../central/pg-errors';
import { requireDistrictAdmin } from '../central/report';
import {
  trainSchoolForDistrict,
  workerName,
  type DistrictTrainPayload,
  type PublishedModel,
} from './district-train';

/**
 * Starts pg-boss on a district admin's account. The queue (pg-boss's schema, its tables, the
 * training queue) is made by `beacon central init`; this never creates or migrates it, and says
 * so plainly when it is missing or older than this Beacon's pg-boss.
 */
async function started(
  target: CentralTarget,
  options: { max: number; supervise: boolean },
): Promise<PgBoss> {
  const notSetUp = (why: string) =>
    new BeaconError(
      'CENTRAL_SCHEMA_MISMATCH',
      `District training's queue on ${target.host} ${why}; run \`beacon central init\` with the database owner's account, then try again. Nothing was queued or trained.`,
    );
  await withAdmin(target, async (c) => {
    await requireDistrictAdmin(c, target);
    const queue = await c.query<{ t: string | null }>(
      `SELECT to_regclass('${BOSS_SCHEMA}.queue')::text AS t`,
    );
    if (!queue.rows[0]?.t) throw notSetUp(`is not set up (no schema ${BOSS_SCHEMA})`);
    const named = await c.query(`SELECT 1 FROM ${BOSS_SCHEMA}.queue WHERE name = $1`, [
      TRAIN_QUEUE,
    ]);
    if (!named.rowCount) throw notSetUp(`has no ${TRAIN_QUEUE} queue`);
  });
  const b = new PgBoss(bossOptions(target, { ...options, migrate: false }));
  try {
    return await b.start();
  } catch (err) {
    // A failed start leaves pg-boss's pool open and its stop() a no-op: close the pool here.
    await (b.getDb() as { close?: () => Promise<void> }).close?.().catch(() => undefined);
    if (/requires migrations|not installed/.test((err as Error).message)) {
      throw notSetUp(`was made by another version of Beacon (${(err as Error).message})`);
    }
    throw centralError(err, target.host);
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
    await requireDistrictAdmin(c, target);
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
  const b = await started(target, { max: 2, supervise: false });
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
  const b = await started(target, { max: concurrency + 2, supervise: true });
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
