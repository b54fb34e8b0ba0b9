import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  attendanceCsv,
  attendanceRows,
  copyDatabase,
  makeAttendanceSchool,
} from '../fixtures/import/large-attendance';
import { bundledScript } from '../support/node-bundles';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const root = fileURLToPath(new URL('../..', import.meta.url));

const STUDENTS = 500;
const DAYS = 120;
const ROWS = STUDENTS * DAYS;
const ROUNDS = 20;

interface Run {
  stages: string[];
  /** When each stage was announced, in ms after "ready". */
  stageMs: Map<string, number>;
  exitSignal: NodeJS.Signals | null;
  msAfterReady: number;
}

/**
 * Runs the child on `db`; when `killAfterMs` is given, SIGKILLs it that long after it is ready
 * (module loading is not the import: the clock starts when the child says "ready").
 */
function runChild(db: string, csv: string, schoolId: string, killAfterMs?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [bundledScript('import-kill-child'), db, csv, schoolId], {
      cwd: root,
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stages: string[] = [];
    const stageMs = new Map<string, number>();
    let readyAt = 0;
    let stderr = '';
    let buffered = '';
    p.stdout.setEncoding('utf8');
    p.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        stages.push(line);
        if (readyAt > 0) stageMs.set(line, performance.now() - readyAt);
        if (line === 'ready') {
          readyAt = performance.now();
          if (killAfterMs !== undefined) setTimeout(() => p.kill('SIGKILL'), killAfterMs);
        }
      }
    });
    p.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      if (code !== 0 && signal === null) reject(new Error(`child failed (${code}): ${stderr}`));
      else {
        resolve({ stages, stageMs, exitSignal: signal, msAfterReady: performance.now() - readyAt });
      }
    });
  });
}

/** What a (possibly killed) run left in the database file, after SQLite's own recovery. */
function inspect(path: string) {
  const db = new Database(path);
  try {
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      attendance: count('SELECT count(*) FROM attendance'),
      outbox: count("SELECT count(*) FROM sync_outbox WHERE table_name = 'attendance'"),
      audits: count("SELECT count(*) FROM audit_log WHERE action = 'import'"),
      features: count('SELECT count(*) FROM student_features'),
    };
  } finally {
    db.close();
  }
}

describe('an import killed with SIGKILL', () => {
  it(
    `leaves none or all of the file, and a sound database, at ${ROUNDS} random points`,
    { timeout: 120_000 },
    async () => {
      const dir = tempDir();
      const school = await makeAttendanceSchool(join(dir, 'prepared.sqlite'), STUDENTS, DAYS);
      const csv = join(dir, 'attendance.csv');
      writeFileSync(csv, attendanceCsv(attendanceRows(school)));

      const calibration = await runChild(
        copyDatabase(school.path, join(dir, 'calibration.sqlite')),
        csv,
        school.schoolId,
      );
      expect(calibration.stages.at(-1)).toBe(`done imported ${ROWS}`);
      expect(inspect(join(dir, 'calibration.sqlite'))).toEqual({
        integrity: 'ok',
        attendance: ROWS,
        // The import's bulk mode queues one outbox entry per student, standing for its days.
        outbox: STUDENTS,
        audits: 1,
        features: STUDENTS,
      });
      const span = calibration.msAfterReady;
      // The write transaction is a short part of the run, so uniform points over the whole run
      // can miss it: every other round aims inside the calibration's write window instead.
      const writeFrom = calibration.stageMs.get('writing') ?? 0;
      const writeTo = calibration.stageMs.get('committed') ?? span;
      const killPoint = (round: number) =>
        round % 2 === 0
          ? Math.random() * span * 1.1
          : writeFrom + Math.random() * (writeTo - writeFrom);

      const landed: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const db = copyDatabase(school.path, join(dir, `round-${round}.sqlite`));
        const run = await runChild(db, csv, school.schoolId, killPoint(round));
        const state = inspect(db);
        const where = run.exitSignal === 'SIGKILL' ? (run.stages.at(-1) ?? 'loading') : 'finished';
        expect(state.integrity, `round ${round} (${where})`).toBe('ok');
        const all = { attendance: ROWS, outbox: STUDENTS, audits: 1, features: STUDENTS };
        const none = { attendance: 0, outbox: 0, audits: 0, features: 0 };
        const { integrity: _ok, ...counts } = state;
        expect([all, none], `round ${round} killed at "${where}"`).toContainEqual(counts);
        // Before "writing" no transaction is open; after "committed" it is durable. In between
        // the commit may or may not have happened before the kill: both outcomes are whole.
        if (where === 'committed' || where === 'finished') expect(counts).toEqual(all);
        if (where === 'reading' || where === 'checking' || where === 'ready') {
          expect(counts).toEqual(none);
        }
        landed.push(where === 'writing' && counts.attendance === 0 ? 'rolled back' : where);
      }
      const tally = Object.entries(
        landed.reduce<Record<string, number>>((t, w) => ({ ...t, [w]: (t[w] ?? 0) + 1 }), {}),
      );
      console.log(`killed at: ${tally.map(([w, n]) => `${w} ${n}`).join(', ')}`);
      // The random points must include kills inside the write transaction, rolled back whole.
      expect(
        landed.filter((w) => w === 'rolled back').length,
        landed.join(', '),
      ).toBeGreaterThanOrEqual(3);
    },
  );
});
