import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance as perfHooks } from 'node:perf_hooks';
import { startBackend, type Backend } from '../main/backend/backend';
import { getJob } from '../main/backend/jobs/queue';
import { scoreSchool } from '../main/backend/scoring/score';
import { loadArtifact } from '../main/backend/scoring/model-artifact';
import { champion, registerModelVersion } from '../main/backend/services/model-registry';
import { loadScorer, resolveTrainOptions, sha256Hex } from '../models';
import { modelInputs } from '../main/backend/features/model-inputs';
import { LARGE_TRAINING_SET, largeSchoolOptions } from '../main/backend/training/run-training';
import { currentSchool } from '../main/backend/services/school';
import {
  BENCH_TODAY,
  cacheAtomically,
  demoCacheDir,
  demoCacheKey,
  demoSchoolCopy,
} from './demo-school-cache';

export const STUDENTS = 5000;

/** The demo school after one training job, as the risk benchmarks share it. */
export interface Trained {
  backend: Backend;
  schoolId: string;
  dir: string;
  trainSeconds: number;
  maxDelayMs: number;
  /**
   * The largest gap between the ticker's turns less the time the backend's thread spent waiting
   * for a processor in it (Linux only, else null): what the thread itself held, computing or
   * blocked on the disk, which other processes' turns on a busy machine do not inflate.
   */
  maxOwnDelayMs: number | null;
  kind: string;
  examples: number;
  temporalAuc: number | null;
  heldOutAuc: number;
  /** The job's steps as its progress messages named them, in order, with what each cost. */
  steps: StepTiming[];
}

/**
 * One step of the training job: wall time, the process's CPU time (every thread: the backend's,
 * the worker's, the backup's), how long the backend's own thread was busy, and its largest stall.
 */
export interface StepTiming {
  step: string;
  seconds: number;
  cpuSeconds: number;
  busySeconds: number;
  maxStallMs: number;
  /** The same stall less the thread's waits for a processor (maxOwnDelayMs); null off Linux. */
  maxOwnStallMs: number | null;
}

/**
 * The backend's thread's time spent waiting for a processor, in ms (run_delay of its schedstat),
 * or null where the kernel does not say (not Linux). The main thread's id is the process's.
 */
function runQueueWaitMs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ');
    return Number(fields[1]) / 1e6;
  } catch {
    return null;
  }
}

let trained: Promise<Trained> | undefined;

/**
 * Trains once on the 5,000-student demo school through the real job (worker, registry,
 * whole-school scoring), watching the backend's event loop; the risk benchmarks share the
 * result. The champion's artifact is kept beside the demo cache for other benchmarks.
 */
export function trainDemoOnce(): Promise<Trained> {
  trained ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'beacon-bench-risk-'));
    const dbPath = await demoSchoolCopy(STUDENTS, dir);
    const backend = await startBackend({ dbPath, today: () => BENCH_TODAY });
    const schoolId = currentSchool(backend.context.db)?.id as string;
    const jobId = backend.context.jobs.enqueue(
      'train',
      { schoolId, trigger: 'benchmark' },
      schoolId,
    );
    // The backend's own event loop: requests would wait this long at worst while training runs.
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    // A second, independent reading: the largest gap between ticks of a 1 ms timer.
    let lastTick = performance.now();
    let lastWait = runQueueWaitMs();
    let maxGap = 0;
    let maxOwnGap = 0;
    // Each progress message starts a step; a gap is charged to the step it ended in.
    const steps: StepTiming[] = [];
    let stepStart = performance.now();
    let stepCpu = process.cpuUsage();
    let stepLoop = perfHooks.eventLoopUtilization();
    let current: StepTiming = {
      step: 'starting the worker',
      seconds: 0,
      cpuSeconds: 0,
      busySeconds: 0,
      maxStallMs: 0,
      maxOwnStallMs: null,
    };
    const closeStep = () => {
      const cpu = process.cpuUsage(stepCpu);
      current.seconds = (performance.now() - stepStart) / 1000;
      current.cpuSeconds = (cpu.user + cpu.system) / 1e6;
      current.busySeconds = perfHooks.eventLoopUtilization(stepLoop).active / 1000;
      steps.push(current);
      stepStart = performance.now();
      stepCpu = process.cpuUsage();
      stepLoop = perfHooks.eventLoopUtilization();
    };
    const unsubscribe = backend.onEvent((event, payload) => {
      if (event !== 'jobProgress') return;
      const { message, stage } = payload as { message?: string; stage: string };
      if (!message || stage === 'started') return;
      closeStep();
      current = {
        step: message,
        seconds: 0,
        cpuSeconds: 0,
        busySeconds: 0,
        maxStallMs: 0,
        maxOwnStallMs: null,
      };
    });
    const ticker = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - lastTick);
      current.maxStallMs = Math.max(current.maxStallMs, now - lastTick);
      const wait = runQueueWaitMs();
      if (wait !== null && lastWait !== null) {
        const own = now - lastTick - (wait - lastWait);
        maxOwnGap = Math.max(maxOwnGap, own);
        current.maxOwnStallMs = Math.max(current.maxOwnStallMs ?? 0, own);
      }
      lastWait = wait;
      lastTick = now;
    }, 1);
    const started = process.hrtime.bigint();
    await backend.jobs.runOnce();
    const trainSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    closeStep();
    unsubscribe();
    clearInterval(ticker);
    delay.disable();
    const job = getJob(backend.context.db, jobId);
    if (job?.status !== 'succeeded') throw new Error(`training failed: ${job?.error}`);
    const result = job.result as { kind: string; heldOutAuc: number; temporalAuc: number | null };
    const live = champion(backend.context.db, schoolId);
    if (!live) throw new Error('the demo school has no champion after training');
    const artifact = loadArtifact(backend.context.db, live.id);
    await cacheAtomically(championCachePath(), (temporary) => writeFileSync(temporary, artifact));
    return {
      backend,
      schoolId,
      dir,
      trainSeconds,
      maxDelayMs: Math.max(delay.max / 1e6, maxGap),
      maxOwnDelayMs: lastWait === null ? null : maxOwnGap,
      kind: result.kind,
      examples: (live.metrics.examples as { rows: number }).rows,
      temporalAuc: result.temporalAuc,
      heldOutAuc: result.heldOutAuc,
      steps,
    };
  })();
  return trained;
}

/** Closes the shared trained school (the last risk benchmark calls it). */
export async function closeTrainedDemo(): Promise<void> {
  if (!trained) return;
  const t = await trained;
  await t.backend.close();
  rmSync(t.dir, { recursive: true, force: true });
  trained = undefined;
}

/**
 * What the demo champion depends on besides its school: the training settings (the defaults and
 * the large-school ones trainDemoOnce trains with) and the model's inputs. A changed training
 * setup must train a new champion, not be served the one the old setup made.
 */
function trainingSetupKey(): string {
  const setup = {
    options: resolveTrainOptions(),
    large: { rows: LARGE_TRAINING_SET, options: largeSchoolOptions },
    inputs: modelInputs.map(({ name, kind }) => ({ name, kind })),
  };
  return createHash('sha256').update(JSON.stringify(setup)).digest('hex').slice(0, 16);
}

function championCachePath(): string {
  return join(
    demoCacheDir(),
    `${demoCacheKey(STUDENTS)}-train-${trainingSetupKey()}-champion.beaconm`,
  );
}

/**
 * The demo school's champion artifact, as a teacher's save runs with it live: from the cache
 * when a risk benchmark has trained it, else trained now (minutes, once).
 */
export async function demoChampionArtifact(): Promise<Uint8Array> {
  if (!existsSync(championCachePath())) await trainDemoOnce();
  return new Uint8Array(readFileSync(championCachePath()));
}

/**
 * Registers the demo school's champion in `schoolId` (it becomes the live model there) and
 * scores the whole school with it; answers its kind and how many students were scored.
 */
export async function makeDemoChampionLive(
  db: Backend['context']['db'],
  schoolId: string,
): Promise<{ kind: string; scored: number }> {
  const artifact = await demoChampionArtifact();
  const { header } = loadScorer(artifact, sha256Hex(artifact));
  registerModelVersion(db, {
    schoolId,
    kind: header.kind,
    trigger: "benchmark: the demo school's champion",
    featureSchemaHash: header.featureSchemaHash,
    metrics: {},
    artifact,
    heldOutAuc: 0,
  });
  return { kind: header.kind, scored: scoreSchool(db, schoolId) };
}
