import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../db';
import { fileSecretStore } from '../main/backend/secrets/file-secret-store';
import { connectLaptop } from '../main/backend/sync/connect-laptop';
import { runSync } from '../main/backend/sync/run-sync';
import { median, timeMs, type Benchmark } from './harness';
import {
  attendanceAsPushed,
  benchCentral,
  benchDir,
  benchLaptop,
  layoutCopyMs,
  plainCopyMs,
  writeAttendanceDays,
} from './sync-world';

const INITIAL_STUDENTS = 5_000;
/**
 * 200 days: a million rows. BEACON_BENCH_PUSH_ROWS=100000 runs the same benchmark on fewer rows
 * (rounded up to whole days of the 5,000 students), to check it or profile it in minutes.
 */
const INITIAL_DAYS = process.env.BEACON_BENCH_PUSH_ROWS
  ? Math.max(1, Math.ceil(Number(process.env.BEACON_BENCH_PUSH_ROWS) / INITIAL_STUDENTS))
  : 200;
const DAILY_STUDENTS = 5_000;
const DAILY_HISTORY = 20;
const RUNS = 3;

/**
 * sync.push.initial.1m: a school's first push of 1,000,000 attendance rows (5,000 students x 200
 * days, plus the students and calendar), through runSync (outbox read, COPY into staging, the
 * HLC merge into the partitioned table, checkpoint), in attendance rows per second. The ratio is
 * against a plain COPY of the same rows (the same columns, already in memory) into an unindexed
 * table on the same server in the same run: raw time / our time (target >= 0.5). The notes add a
 * second context figure, not the target's: a plain COPY of the same rows into a table with
 * attendance's real layout (its key and pull index, hash-partitioned as the central schema, no
 * row-level security, which refuses COPY), and the push's ratio to that. Run once: it takes
 * minutes on a shared machine.
 */
export const syncPushInitial1m: Benchmark = {
  name: 'sync.push.initial.1m',
  unit: 'rows/s',
  target: 'ratio >= 0.5',
  meets: (_v, ratio) => (ratio ?? 0) >= 0.5,
  async run() {
    const { dir, remove } = benchDir('beacon-bench-sync-');
    const central = await benchCentral(dir);
    try {
      const laptop = await benchLaptop(dir, central, INITIAL_STUDENTS, INITIAL_DAYS);
      const rows = INITIAL_STUDENTS * INITIAL_DAYS;
      let pushed = 0;
      const ours = await timeMs(async () => {
        pushed = (await runSync(laptop.db, laptop.secrets, { batchSize: 20_000 })).pushed;
      });
      const data = attendanceAsPushed(laptop.db);
      laptop.close();
      const c = new pg.Client({ connectionString: central.url });
      await c.connect();
      let raw = 0;
      let layout = 0;
      try {
        raw = await plainCopyMs(c, data);
        layout = await layoutCopyMs(c, data);
      } finally {
        await c.end();
      }
      const secs = (ms: number) => (ms / 1000).toFixed(1);
      return {
        value: rows / (ours / 1000),
        ratio: raw / ours,
        ratioOf: 'plain COPY of the same rows into an unindexed table',
        notes:
          `${pushed} rows pushed in ${secs(ours)} s; plain COPY ${secs(raw)} s; ` +
          `context: COPY into attendance's layout (key, pull index, partitions; no RLS) ` +
          `${secs(layout)} s, ratio ${(layout / ours).toFixed(3)}`,
      };
    } finally {
      await central.drop();
      remove();
    }
  },
};

async function dailyWorld() {
  const { dir, remove } = benchDir('beacon-bench-sync-daily-');
  const central = await benchCentral(dir);
  const a = await benchLaptop(dir, central, DAILY_STUDENTS, DAILY_HISTORY);
  await runSync(a.db, a.secrets, { batchSize: 20_000 });
  const { db: bDb } = await openDatabase(join(dir, 'laptop-b.sqlite'));
  const bSecrets = fileSecretStore(join(dir, 'secrets-b'));
  await connectLaptop(bDb, bSecrets, central.file.text, central.file.code);
  await runSync(bDb, bSecrets, { batchSize: 20_000 });
  const { weekdays } = await import('../test/fixtures/import/large-attendance');
  const later = weekdays(DAILY_HISTORY + RUNS).slice(DAILY_HISTORY);
  return {
    a,
    b: { db: bDb, secrets: bSecrets },
    later,
    close: async () => {
      a.close();
      bDb.close();
      await central.drop();
      remove();
    },
  };
}

/**
 * sync.push.daily: one day of a 5,000-student school (5,000 attendance rows, as one register day
 * each for every class writes), pushed by runSync after the school's 20-day history is on the
 * server; milliseconds, the median of 3 days. Includes connecting and the (empty) pull.
 * Each day is written as the register writes it: 167 saves of 30 students, one audit entry each,
 * pushed with the rows since the audit log travels (see writeAttendanceDays for the per-row case).
 */

export const syncPushDaily: Benchmark = {
  name: 'sync.push.daily',
  unit: 'ms',
  target: '<= 1000',
  meets: (v) => v <= 1000,
  async run() {
    const w = await dailyWorld();
    try {
      const times: number[] = [];
      for (const day of w.later) {
        writeAttendanceDays(w.a.db, w.a.schoolId, w.a.studentIds, [day]);
        times.push(await timeMs(() => runSync(w.a.db, w.a.secrets)));
      }
      return {
        value: median(times),
        notes: `runs ${times.map((t) => t.toFixed(0)).join(', ')} ms`,
      };
    } finally {
      await w.close();
    }
  },
};

/**
 * sync.pull.daily: another laptop's day of changes (5,000 attendance rows) pulled by runSync on a
 * laptop that has the school's history, applied, and the 5,000 students' features refreshed and
 * re-scored; milliseconds, the median of 3 days.
 */
export const syncPullDaily: Benchmark = {
  name: 'sync.pull.daily',
  unit: 'ms',
  target: '<= 1000',
  meets: (v) => v <= 1000,
  async run() {
    const w = await dailyWorld();
    try {
      const times: number[] = [];
      for (const day of w.later) {
        writeAttendanceDays(w.a.db, w.a.schoolId, w.a.studentIds, [day]);
        await runSync(w.a.db, w.a.secrets);
        times.push(await timeMs(() => runSync(w.b.db, w.b.secrets)));
      }
      return {
        value: median(times),
        notes: `runs ${times.map((t) => t.toFixed(0)).join(', ')} ms`,
      };
    } finally {
      await w.close();
    }
  },
};
