import { spawnWorker } from '../jobs/spawn-worker';
import type { Db } from '../../../db';
import type { Job } from '../jobs/queue';
import { acquireJobLock, releaseLock } from '../jobs/locks';
import { JobCancelled, type JobTools } from '../jobs/runner';
import { readRiskSettings } from '../scoring/risk-settings';
import { savePlanInSlices } from '../scoring/score';
import { primeScorer } from '../scoring/scorer-cache';
import { champion, registerModelVersion, type ModelVersion } from '../services/model-registry';
import { progressSteps, stepWords } from './progress-words';
import type { FromTrainingWorker, ToTrainingWorker, TrainingWorkerInput } from './protocol';
import type { TrainingInput, TrainingOutcome } from './run-training';

export interface TrainJobPayload {
  schoolId: string;
  trigger: string;
  userId?: string | null;
  seed?: number;
  trainOptions?: TrainingInput['trainOptions'];
}

export interface TrainJobResult {
  versionId: string;
  status: ModelVersion['status'];
  reason: string | null;
  kind: string;
  heldOutAuc: number;
  temporalAuc: number | null;
  championAuc: number | null;
  scored: number;
}

/** Runs `runTraining` in the training worker, relaying progress and cancel. */
export function trainInWorker(
  dbPath: string,
  training: TrainingInput,
  tools: JobTools,
): Promise<TrainingOutcome> {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(import.meta.url, 'training-worker', {
      dbPath,
      training,
    } satisfies TrainingWorkerInput);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      tools.signal.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => worker.postMessage({ type: 'cancel' } satisfies ToTrainingWorker);
    tools.signal.addEventListener('abort', onAbort, { once: true });
    let lastMessage = '';
    const steps = progressSteps(training.trainOptions?.candidates);
    worker.on('message', (m: FromTrainingWorker) => {
      // An error thrown here would be uncaught and end the backend: it fails the job instead.
      try {
        if (m.type === 'progress') {
          // Epochs arrive fast and mean nothing to staff: only a change of words is reported.
          const step = steps(m.stage, m.detail);
          const message = stepWords(step);
          if (message === lastMessage) return;
          lastMessage = message;
          tools.progress({ stage: m.stage, message, step });
        } else if (m.type === 'done') finish(() => resolve(m.outcome));
        else finish(() => reject(m.cancelled ? new JobCancelled() : new Error(m.message)));
      } catch (err) {
        finish(() => reject(err as Error));
      }
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`The training worker stopped (exit code ${code}).`))),
    );
  });
}

/**
 * The 'train' job: trains a candidate on the school's history in a worker, registers it as a
 * version (champion only if at least as good as the champion on the same held-out students), and
 * re-scores the whole school when the champion changed. One training per school at a time,
 * across processes.
 */
export async function runTrainJob(
  db: Db,
  dbPath: string,
  today: string,
  job: Job,
  tools: JobTools,
  /**
   * Awaited after training and before anything is registered: the backup the backend makes
   * before a model change, written while the worker trains (it is mostly the disk's work, the
   * training the processor's), and required to have succeeded before the model changes.
   */
  beforeChange: () => Promise<unknown> = async () => undefined,
): Promise<TrainJobResult> {
  const payload = job.payload as TrainJobPayload;
  const lock = `train:${payload.schoolId}`;
  if (!acquireJobLock(db, lock, job.id, 6 * 3_600_000)) {
    throw new Error(
      'Another Beacon process is training a model for this school; try again when it finishes.',
    );
  }
  try {
    const settings = readRiskSettings(db, payload.schoolId);
    const current = champion(db, payload.schoolId);
    const outcome = await trainInWorker(
      dbPath,
      {
        schoolId: payload.schoolId,
        today,
        horizonMonths: settings.horizonMonths,
        shares: settings.shares,
        floors: settings.floors,
        seed: payload.seed ?? 42,
        includeProtected: settings.protectedInputs,
        ...(payload.trainOptions ? { trainOptions: payload.trainOptions } : {}),
        champion: current
          ? {
              id: current.id,
              kind: current.kind,
              sha256: current.artifactSha256,
              featureSchemaHash: current.featureSchemaHash,
            }
          : null,
      },
      tools,
    );
    await beforeChange();
    tools.progress({
      stage: 'registering',
      message: stepWords({ code: 'saveModel' }),
      step: { code: 'saveModel' },
    });
    await nextTurn();
    const { train, evaluation } = outcome;
    const version = registerModelVersion(db, {
      schoolId: payload.schoolId,
      kind: train.kind,
      trigger: payload.trigger,
      trainingFrom: outcome.window.from,
      trainingTo: outcome.window.to,
      featureSchemaHash: train.featureSchemaHash,
      artifact: train.artifact,
      artifactSha256: train.sha256,
      heldOutAuc: evaluation.rocAuc,
      temporal: outcome.temporal
        ? { auc: outcome.temporal.rocAuc, championAuc: outcome.temporal.championKindAuc }
        : null,
      championHeldOutAuc: outcome.championAuc,
      championIncomparable: outcome.championNote,
      tolerance: settings.promotionTolerance,
      keep: settings.keepVersions,
      userId: payload.userId ?? null,
      metrics: {
        heldOut: evaluation,
        temporal: outcome.temporal,
        championHeldOutAuc: outcome.championAuc,
        championNote: outcome.championNote,
        choice: train.reason,
        candidates: train.candidates,
        validation: {
          rocAuc: train.validation.rocAuc,
          prAuc: train.validation.prAuc,
          brier: train.validation.brier,
        },
        examples: outcome.examples,
        backend: train.backend,
        fitSeconds: train.fitSeconds,
      },
    });
    let scored = 0;
    if (version.status === 'champion') {
      tools.progress({
        stage: 'scoring',
        message: stepWords({ code: 'saveScores' }),
        step: { code: 'saveScores' },
      });
      // The worker scored the school already; this thread only saves, a slice at a time. Each
      // step gets its own turn of the event loop, so requests slip in between.
      await nextTurn();
      await primeScorer(db, version.id, train.artifact);
      await nextTurn();
      if (outcome.plan)
        scored = await savePlanInSlices(db, payload.schoolId, {
          ...outcome.plan,
          versionId: version.id,
        });
    }
    return {
      versionId: version.id,
      status: version.status,
      reason: version.statusReason,
      kind: version.kind,
      heldOutAuc: evaluation.rocAuc,
      temporalAuc: outcome.temporal?.rocAuc ?? null,
      championAuc: outcome.championAuc,
      scored,
    };
  } finally {
    releaseLock(db, lock, job.id);
  }
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
