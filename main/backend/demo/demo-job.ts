import type { Db } from '../../../db';
import type { Job } from '../jobs/queue';
import { JobCancelled, type JobTools } from '../jobs/runner';
import { runTrainJob, type TrainJobPayload, type TrainJobResult } from '../training/train-job';
import { stepWords } from '../training/progress-words';
import { demoTrainOptions } from './demo-training';
import { loadDemoSchoolCooperatively } from './load-demo';
import type { DemoJobPayload } from './start-demo';
import type { WrittenDemo } from './writer';

/**
 * Shrinks or speeds up the demo school for tests, which cannot wait for the full one.
 * Set only through `startBackend`'s options, never through a request.
 */
export interface DemoTuning {
  students?: number;
  years?: number;
  trainOptions?: TrainJobPayload['trainOptions'];
}

export interface DemoJobResult {
  schoolId: string;
  written: WrittenDemo;
  training: TrainJobResult;
}

/** Progress updates while writing: enough for a smooth bar, few enough to be cheap. */
const WRITING_UPDATES = 20;
const DEMO_YEARS = 3;

/**
 * The 'demo' job: writes the simulated school one day per turn of the event loop (so the
 * backend keeps answering while it loads), then trains and scores its first model, all as one
 * job whose progress the first-run screen follows: stage 'writing' (0..1), then 'training'.
 */
export async function runDemoJob(
  db: Db,
  dbPath: string,
  today: string,
  job: Job,
  tools: JobTools,
  tuning: DemoTuning = {},
): Promise<DemoJobResult> {
  const payload = job.payload as DemoJobPayload;
  if (job.attempts > 1 && db.prepare('SELECT EXISTS (SELECT 1 FROM students)').pluck().get()) {
    // The load cannot resume: the simulation is replayed from scratch, and only into an empty school.
    throw new Error(
      'Beacon stopped while it was loading the demo school, so this database holds only part of it.',
    );
  }
  let shown = -1;
  tools.progress({ stage: 'writing', progress: 0 });
  let loaded: Awaited<ReturnType<typeof loadDemoSchoolCooperatively>>;
  try {
    loaded = await loadDemoSchoolCooperatively(
      db,
      {
        students: tuning.students ?? payload.students,
        years: tuning.years ?? DEMO_YEARS,
        seed: payload.seed,
        today,
      },
      payload.userId,
      ({ done, total, date }) => {
        const update = Math.floor((WRITING_UPDATES * done) / total);
        if (update <= shown) return;
        shown = update;
        const step = { code: 'writing', date } as const;
        tools.progress({
          stage: 'writing',
          progress: done / total,
          message: stepWords(step),
          step,
        });
      },
      tools.signal,
    );
  } catch (err) {
    if (tools.signal.aborted) throw new JobCancelled();
    throw err;
  }
  tools.progress({
    stage: 'training',
    progress: null,
    message: stepWords({ code: 'training' }),
    step: { code: 'training' },
  });
  const trainPayload: TrainJobPayload = {
    schoolId: loaded.schoolId,
    trigger: 'demo school',
    userId: payload.userId,
    seed: payload.seed,
    // The first run's quicker configuration (demo-training.ts), unless a test tunes it.
    trainOptions: tuning.trainOptions ?? demoTrainOptions,
  };
  const training = await runTrainJob(
    db,
    dbPath,
    today,
    { ...job, payload: trainPayload },
    {
      signal: tools.signal,
      // One stage for the whole training, so the screen shows one step; the detail goes along
      // in plain words (the training's own stage names are internal).
      progress: (update) => {
        const step = update.step ?? { code: 'training' as const };
        tools.progress({ stage: 'training', progress: null, message: stepWords(step), step });
      },
    },
  );
  return { schoolId: loaded.schoolId, written: loaded.written, training };
}
