import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db';
import { rebuildFeatures } from '../main/backend/features';
import { refreshStudentFeatures } from '../main/backend/keep-current';
import { generateSchool } from './features-school';
import { median, percentile, timeMs, type Benchmark } from './harness';

const STUDENTS = 5000;
const SCHOOL_DAYS = 200;
/** The backend is long-lived: the first refreshes warm SQLite's cache and the JIT, unmeasured. */
const REFRESH_WARM_UP = 50;
const REFRESH_RUNS = 300;

/**
 * features.rebuild.5k: rebuilds every feature for 5,000 students with 1,000,000 attendance rows
 * (median of 3 runs, seconds; CPU time in the notes). Notes carry the incremental path's figure: refreshing one class of
 * 40 students in a transaction, p95 over repeated runs.
 */
export const featuresRebuild5k: Benchmark = {
  name: 'features.rebuild.5k',
  unit: 's',
  // Issue 8's target: the rebuild reads less since attendance is compact, so 0.3 s, not 3.
  target: '<= 0.3',
  meets: (v) => v <= 0.3,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'beacon-bench-features-'));
    try {
      const { db } = await openDatabase(join(dir, 'bench.sqlite'));
      const started = process.hrtime.bigint();
      const school = generateSchool(db, { students: STUDENTS, schoolDays: SCHOOL_DAYS, seed: 1 });
      const generateS = Number(process.hrtime.bigint() - started) / 1e9;

      const runs: number[] = [];
      // CPU time too: on a shared machine the wall clock also counts other processes' turns.
      const cpuRuns: number[] = [];
      for (let i = 0; i < 3; i++) {
        const cpu = process.cpuUsage();
        runs.push((await timeMs(() => rebuildFeatures(db, school.schoolId))) / 1000);
        const used = process.cpuUsage(cpu);
        cpuRuns.push((used.user + used.system) / 1e6);
      }

      const refresh = db.transaction((ids: string[]) =>
        refreshStudentFeatures(db, school.schoolId, ids),
      );
      const classes = school.classStudents.filter((c) => c.length === 40);
      const refreshMs: number[] = [];
      const refreshCpuMs: number[] = [];
      for (let i = 0; i < REFRESH_WARM_UP + REFRESH_RUNS; i++) {
        const ids = classes[(i * 7) % classes.length] ?? [];
        const cpu = process.cpuUsage();
        const ms = await timeMs(() => refresh(ids));
        const used = process.cpuUsage(cpu);
        if (i < REFRESH_WARM_UP) continue;
        refreshMs.push(ms);
        refreshCpuMs.push((used.user + used.system) / 1000);
      }
      db.close();
      const c = school.counts;
      return {
        value: median(runs),
        notes:
          `refresh 40 students: p95 ${percentile(refreshMs, 95).toFixed(2)} ms, ` +
          `median ${median(refreshMs).toFixed(2)} ms (CPU time p95 ${percentile(refreshCpuMs, 95).toFixed(2)}, ` +
          `median ${median(refreshCpuMs).toFixed(2)}); rebuild runs ${runs.map((r) => r.toFixed(2)).join('/')} s ` +
          `(CPU time ${cpuRuns.map((r) => r.toFixed(2)).join('/')} s); ` +
          `${c.attendance} attendance, ${c.marks} marks, ${c.incidents} incidents; ` +
          `generated in ${generateS.toFixed(1)} s`,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
