import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  attendanceCsv,
  attendanceRows,
  makeAttendanceSchool,
} from '../test/fixtures/import/large-attendance';
import type { Benchmark } from './harness';

const STUDENTS = 5000;
const DAYS = 200;
const ROWS = STUDENTS * DAYS;
const LIMIT_MB = 300;
const root = fileURLToPath(new URL('..', import.meta.url));
const MB = 1024 * 1024;

/** Runs the built `beacon` CLI under bench/peak-rss.mjs: its exit, output and peak memory. */
function peakOf(args: string[]): { ms: number; peak: number; stdout: string; stderr: string } {
  const start = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    ['bench/peak-rss.mjs', 'out/backend/beacon-cli.js', ...args],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * MB },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const peak = Number(/peak-rss (\d+)\s*$/.exec(r.stderr)?.[1] ?? NaN);
  if (r.status !== 0 || !Number.isFinite(peak)) {
    throw new Error(`beacon ${args[0]} failed (${r.status}): ${r.stderr.slice(0, 800)}`);
  }
  return { ms, peak, stdout: r.stdout, stderr: r.stderr };
}

/**
 * import.attendance.1m.peak-memory: the peak resident memory, in MB, of `beacon import` (the
 * built CLI, as a school runs it) importing a 1,000,000-row long-layout attendance CSV (5,000
 * students x 200 listed school days, about 25 MB) into a prepared database, measured by the
 * kernel (maxRSS) in a child process of its own. Target: under 300 MB. The notes give the time
 * and, for scale, the peak of `beacon info` on the same database (what the CLI costs idle).
 * Builds the Node bundles first (npm run build:node). Runs once: the import takes about a minute.
 */
export const importAttendance1mPeakMemory: Benchmark = {
  name: 'import.attendance.1m.peak-memory',
  unit: 'MB',
  target: `< ${LIMIT_MB}`,
  meets: (v) => v < LIMIT_MB,
  async run() {
    const build = spawnSync('npm', ['run', 'build:node'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr.slice(0, 800)}`);
    const dir = mkdtempSync(join(tmpdir(), 'beacon-bench-1m-'));
    try {
      const school = await makeAttendanceSchool(join(dir, 'school.sqlite'), STUDENTS, DAYS);
      const csv = join(dir, 'attendance.csv');
      writeFileSync(csv, attendanceCsv(attendanceRows(school)));
      const idle = peakOf(['info', '--db', school.path]);
      const run = peakOf(['import', '--db', school.path, '--kind', 'attendance', csv]);
      if (!run.stdout.includes(`${ROWS} created`)) {
        throw new Error(`the import did not create ${ROWS} rows: ${run.stdout.slice(0, 500)}`);
      }
      return {
        value: run.peak / MB,
        notes:
          `${ROWS} rows in ${(run.ms / 1000).toFixed(1)} s; ` +
          `beacon info on the same database peaks at ${(idle.peak / MB).toFixed(0)} MB`,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
