import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startBackend, type Backend } from '../main/backend/backend';
import { getJob } from '../main/backend/jobs/queue';
import { scoreSchool } from '../main/backend/scoring/score';
import { loadArtifact } from '../main/backend/scoring/model-artifact';
import { champion, registerModelVersion } from '../main/backend/services/model-registry';
import { loadScorer, sha256Hex } from '../models';
import { currentSchool } from '../main/backend/services/school';
import { BENCH_TODAY, demoCacheDir, demoCacheKey, demoSchoolCopy } from './demo-school-cache';

export const STUDENTS = 5000;

/** The demo school after one training job, as the risk benchmarks share it. */
export interface Trained {
  backend: Backend;
  schoolId: string;
  dir: string;
  trainSeconds: number;
  maxDelayMs: number;
  kind: string;
  examples: number;
  temporalAuc: number | null;
  heldOutAuc: number;
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
    let maxGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - lastTick);
      lastTick = now;
    }, 1);
    const started = process.hrtime.bigint();
    await backend.jobs.runOnce();
    const trainSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(ticker);
    delay.disable();
    const job = getJob(backend.context.db, jobId);
    if (job?.status !== 'succeeded') throw new Error(`training failed: ${job?.error}`);
    const result = job.result as { kind: string; heldOutAuc: number; temporalAuc: number | null };
    const live = champion(backend.context.db, schoolId);
    if (!live) throw new Error('the demo school has no champion after training');
    writeFileSync(championCachePath(), loadArtifact(backend.context.db, live.id));
    return {
      backend,
      schoolId,
      dir,
      trainSeconds,
      maxDelayMs: Math.max(delay.max / 1e6, maxGap),
      kind: result.kind,
      examples: (live.metrics.examples as { rows: number }).rows,
      temporalAuc: result.temporalAuc,
      heldOutAuc: result.heldOutAuc,
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

function championCachePath(): string {
  return join(demoCacheDir(), `${demoCacheKey(STUDENTS)}-champion.beaconm`);
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
