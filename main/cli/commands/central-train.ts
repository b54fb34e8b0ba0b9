import { localToday } from '../../backend/backend';
import type { CentralTarget } from '../../backend/central/central-url';
import {
  queueDistrictTraining,
  startDistrictWorker,
  type WorkerEvent,
} from '../../backend/district/district-queue';
import type { DistrictTrainPayload } from '../../backend/district/district-train';
import { UsageError, type Output } from '../command';

const candidateKinds = ['logistic', 'forest', 'boosting', 'mlp'] as const;
type CandidateKind = (typeof candidateKinds)[number];

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new UsageError(`--${name} must be a whole number from 1 to 64 (got "${value}").`);
  }
  return n;
}

/** `--candidates logistic,forest`: a narrower, quicker training than the full set. */
function trainOptions(value: string | undefined): DistrictTrainPayload['trainOptions'] {
  if (value === undefined) return undefined;
  const kinds = value.split(',').map((k) => k.trim());
  const bad = kinds.find((k) => !(candidateKinds as readonly string[]).includes(k));
  if (bad !== undefined) {
    throw new UsageError(
      `--candidates takes ${candidateKinds.join(', ')} (comma-separated); "${bad}" is not one.`,
    );
  }
  return { candidates: kinds as CandidateKind[] };
}

/** One line per worker event, fit for a terminal or a log file. */
function report(out: Output): (e: WorkerEvent) => void {
  return (e) => {
    switch (e.type) {
      case 'ready':
        out.log(`Worker ${e.worker} waiting for training jobs (${e.concurrency} at a time).`);
        break;
      case 'started':
        out.log(`Training ${e.code} (job ${e.jobId}).`);
        break;
      case 'trained':
        out.log(
          `Trained ${e.code}: ${e.model.kind}, held-out ROC-AUC ${e.model.heldOutAuc.toFixed(3)}, published as model ${e.model.modelId}.`,
        );
        break;
      case 'failed':
        out.error(e.code ? `Training ${e.code} failed: ${e.message}` : `Queue error: ${e.message}`);
        break;
      case 'progress':
        break;
    }
  };
}

/** Resolves on the first SIGINT or SIGTERM. */
const interrupted = () =>
  new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

/**
 * `beacon central train`: queues one training job per school; with `--workers N` this process
 * also takes them, N at a time, and returns when they are done.
 */
export async function centralTrain(
  target: CentralTarget,
  values: Record<string, string | boolean | undefined>,
  codes: string[],
  out: Output,
): Promise<number> {
  const today = typeof values.today === 'string' ? values.today : localToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    throw new UsageError(`--today must be a date as YYYY-MM-DD (got "${today}").`);
  }
  const options = trainOptions(
    typeof values.candidates === 'string' ? values.candidates : undefined,
  );
  const workers =
    typeof values.workers === 'string' ? positiveInt(values.workers, 'workers', 1) : 0;
  const queued = await queueDistrictTraining(target, {
    codes,
    today,
    ...(options ? { trainOptions: options } : {}),
  });
  for (const q of queued.queued) out.log(`Queued ${q.code} (job ${q.jobId}).`);
  for (const code of queued.alreadyQueued)
    out.log(`${code} already has a training waiting; not queued twice.`);
  if (workers === 0) {
    out.log('Run `beacon central worker --url ...` on one or more machines to train them.');
    return 0;
  }
  let failed = 0;
  const print = report(out);
  const worker = await startDistrictWorker(target, {
    concurrency: workers,
    onEvent: (e) => {
      if (e.type === 'failed') failed += 1;
      print(e);
    },
  });
  try {
    await Promise.race([worker.settled(queued.queued.map((q) => q.jobId)), interrupted()]);
  } finally {
    await worker.stop();
  }
  return failed > 0 ? 1 : 0;
}

/** `beacon central worker`: takes training jobs until stopped (Ctrl-C or SIGTERM stops it gracefully). */
export async function centralWorker(
  target: CentralTarget,
  values: Record<string, string | boolean | undefined>,
  out: Output,
): Promise<number> {
  const concurrency = positiveInt(
    typeof values.concurrency === 'string' ? values.concurrency : undefined,
    'concurrency',
    1,
  );
  const worker = await startDistrictWorker(target, { concurrency, onEvent: report(out) });
  await interrupted();
  out.log('Stopping: waiting for the trainings under way.');
  await worker.stop();
  return 0;
}
