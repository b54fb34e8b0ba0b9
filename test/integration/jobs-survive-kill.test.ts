import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db';
import { startBackend } from '../../main/backend/backend';
import { parseBackupName } from '../../main/backend/backup/backup-files';
import { enqueueJob, getJob } from '../../main/backend/jobs/queue';
import { fileSecretStore } from '../../main/backend/secrets/file-secret-store';
import { fastTraining, jobToday, schoolWithChampion } from '../support/job-school';
import { bundledScript } from '../support/node-bundles';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Kill points per test: each round is a process start, a kill, a lease to expire and a full re-run
// (about 4 s). Training's points are aimed at its reported stages; backups keep 10, as only about
// 3 uniform points in 10 land inside the copy (2 needed).
const TRAIN_ROUNDS = 8;
const BACKUP_ROUNDS = 10;

// One prepared school for the file: simulating and training it takes a while.
const dir = mkdtempSync(join(tmpdir(), 'beacon-kill-'));
let prepared: Awaited<ReturnType<typeof schoolWithChampion>>;
beforeAll(async () => {
  prepared = await schoolWithChampion(dir, 80);
}, 400_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  lines: string[];
  /** When each line arrived (performance.now()). */
  at: number[];
  signal: NodeJS.Signals | null;
  /** ms from the job's "started" line to the end of the process. */
  msAfterStart: number;
}

/**
 * Starts the child on `db`; SIGKILLs it `killAfterMs` after the job prints `from` (by default
 * its "started" line).
 */
function start(db: string, args: string[] = [], killAfterMs?: number, from = ' started') {
  const p = spawn(
    process.execPath,
    [bundledScript('job-kill-child'), db, prepared.secretsDir, jobToday, ...args],
    { cwd: root, env: { ...process.env, NODE_NO_WARNINGS: '1' }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  const at: number[] = [];
  let startedAt = 0;
  let stderr = '';
  let buffered = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  p.stdout?.setEncoding('utf8');
  p.stdout?.on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      at.push(performance.now());
      if (line === 'ready') onReady();
      if (line.endsWith(' started') && startedAt === 0) startedAt = performance.now();
      if (line.endsWith(from) && killAfterMs !== undefined) {
        setTimeout(() => p.kill('SIGKILL'), killAfterMs);
        killAfterMs = undefined;
      }
    }
  });
  p.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Run>((resolve, reject) => {
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      if (code !== 0 && signal === null) reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve({ lines, at, signal, msAfterStart: performance.now() - startedAt });
    });
  });
  return { process: p as ChildProcess, ready, done };
}

/** A fresh copy of the prepared school in its own folder (its backups go beside it). */
function copyOf(name: string): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  const path = join(folder, 'beacon.sqlite');
  copyFileSync(prepared.path, path);
  return path;
}

async function enqueue(path: string, kind: 'train' | 'backup'): Promise<string> {
  const { db } = await openDatabase(path);
  try {
    const payload =
      kind === 'train'
        ? { schoolId: prepared.schoolId, trigger: 'test', seed: 1, trainOptions: fastTraining }
        : { reason: 'manual' };
    return enqueueJob(db, kind, payload, { schoolId: prepared.schoolId, maxAttempts: 5 });
  } finally {
    db.close();
  }
}

/** What a killed run left: checked with SQLite's own recovery, read-only where possible. */
function inspect(path: string) {
  const db = new Database(path);
  try {
    const versions = db
      .prepare('SELECT id, status, artifact, artifact_sha256 FROM model_versions')
      .all() as { id: string; status: string; artifact: Buffer | null; artifact_sha256: string }[];
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      champions: versions.filter((v) => v.status === 'champion').map((v) => v.id),
      versions: versions.length,
      // A version that is not retired must hold its whole artifact, matching its checksum.
      halfWritten: versions.filter(
        (v) =>
          v.status !== 'retired' &&
          (!v.artifact ||
            createHash('sha256').update(v.artifact).digest('hex') !== v.artifact_sha256),
      ).length,
      students: db.prepare('SELECT count(*) FROM students').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

/** Every file named as a backup is whole: it opens, passes integrity_check, holds the school. */
function backupsAreWhole(folder: string, students: number): { whole: number; partial: number } {
  let whole = 0;
  let partial = 0;
  // A run killed before its first write has not made the folder yet: nothing there, nothing half.
  if (!existsSync(folder)) return { whole, partial };
  for (const name of readdirSync(folder)) {
    if (name.includes('.partial-')) {
      partial++;
      continue;
    }
    if (!parseBackupName(name)) continue;
    const db = new Database(join(folder, name), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true }), name).toBe('ok');
      expect(db.prepare('SELECT count(*) FROM students').pluck().get(), name).toBe(students);
      whole++;
    } finally {
      db.close();
    }
  }
  return { whole, partial };
}

/** The job runs again afterwards: a fresh backend takes it over once the dead one's lease ends. */
async function runAgain(path: string, jobId: string) {
  const backend = await startBackend({
    dbPath: path,
    secrets: fileSecretStore(prepared.secretsDir),
    today: () => jobToday,
    jobLeaseMs: 1500,
    logDir: null,
  });
  try {
    for (let tries = 0; getJob(backend.context.db, jobId)?.status !== 'succeeded'; tries++) {
      if (tries > 40) break;
      if (!(await backend.jobs.runOnce())) await new Promise((r) => setTimeout(r, 250));
    }
    return getJob(backend.context.db, jobId);
  } finally {
    await backend.close();
  }
}

describe('jobs that survive anything', () => {
  it('two real processes on one file: exactly one trains', { timeout: 400_000 }, async () => {
    const path = copyOf('race');
    const before = inspect(path);
    const a = start(path, ['--enqueue-train', prepared.schoolId, '--wait-go']);
    const b = start(path, ['--enqueue-train', prepared.schoolId, '--wait-go']);
    await Promise.all([a.ready, b.ready]);
    a.process.stdin?.write('go\n');
    b.process.stdin?.write('go\n');
    await Promise.all([a.done, b.done]);
    const db = new Database(path, { readonly: true });
    const jobs = db
      .prepare(
        "SELECT status, error FROM jobs WHERE kind = 'train' AND id NOT IN (SELECT id FROM jobs ORDER BY created_at LIMIT 1)",
      )
      .all() as { status: string; error: string | null }[];
    db.close();
    expect(jobs.map((j) => j.status).sort()).toEqual(['queued', 'succeeded']);
    expect(jobs.find((j) => j.status === 'queued')?.error).toMatch(
      /Another Beacon process is training/,
    );
    const after = inspect(path);
    expect(after.versions).toBe(before.versions + 1);
    expect(after.champions).toHaveLength(1);
    expect(after.halfWritten).toBe(0);
  });

  it(
    `a training killed at ${TRAIN_ROUNDS} random points runs again; no half-written version, champion kept`,
    { timeout: 1_200_000 },
    async () => {
      const calibration = copyOf('train-calibration');
      await enqueue(calibration, 'train');
      // The job's stages as it reports them ("train started", "train validate", ...), each with
      // how long it lasted in the calibration run (until the next line).
      const calibrated = await start(calibration).done;
      const stages = calibrated.lines
        .map((line, i) => ({ line, ms: (calibrated.at[i + 1] ?? 0) - (calibrated.at[i] ?? 0) }))
        .filter((s) => s.line.startsWith('train ') && s.line !== 'train succeeded' && s.ms > 0);
      expect(stages.map((s) => s.line)).toContain('train registering');
      const landed: string[] = [];
      for (let round = 0; round < TRAIN_ROUNDS; round++) {
        const path = copyOf(`train-${round}`);
        const jobId = await enqueue(path, 'train');
        // A random moment into a random stage (the last rounds: registering the new version and
        // re-scoring, a short window): uniform points over a calibrated span missed the job when
        // the machine's load changed between calibration and the rounds.
        const stage =
          round < TRAIN_ROUNDS - 3
            ? stages[Math.floor(Math.random() * stages.length)]
            : stages.find((s) => s.line === 'train registering');
        if (!stage) throw new Error('no stage to aim at');
        const run = await start(
          path,
          [],
          Math.random() * stage.ms * 0.8,
          stage.line.slice('train'.length),
        ).done;
        const where = run.signal === 'SIGKILL' ? (run.lines.at(-1) ?? 'loading') : 'finished';
        landed.push(where);
        const state = inspect(path);
        expect(state.integrity, `round ${round} (${where})`).toBe('ok');
        expect(state.halfWritten, `round ${round} (${where})`).toBe(0);
        expect(state.champions, `round ${round} (${where})`).toHaveLength(1);
        // Until the new version is registered (one transaction), the champion is the old one.
        const registered = run.lines.some((l) => l === 'train registering');
        if (!registered) expect(state.champions).toEqual([prepared.championId]);
        if (!registered) expect(state.versions).toBe(inspect(prepared.path).versions);
        const job = await runAgain(path, jobId);
        expect(job?.status, `round ${round} (${where}): ${job?.error}`).toBe('succeeded');
        const after = inspect(path);
        expect(after.halfWritten).toBe(0);
        expect(after.champions).toHaveLength(1);
        expect(
          backupsAreWhole(join(dir, `train-${round}`, 'backups'), after.students).whole,
        ).toBeGreaterThan(0);
        rmSync(join(dir, `train-${round}`), { recursive: true, force: true });
      }
      console.log(`training killed at: ${landed.join(', ')}`);
      expect(
        landed.filter((w) => w.startsWith('train ') && w !== 'train succeeded').length,
      ).toBeGreaterThanOrEqual(3);
    },
  );

  it(
    `a backup killed at ${BACKUP_ROUNDS} random points runs again and never leaves half a backup`,
    { timeout: 1_200_000 },
    async () => {
      const calibration = copyOf('backup-calibration');
      await enqueue(calibration, 'backup');
      const span = (await start(calibration).done).msAfterStart;
      const students = inspect(prepared.path).students;
      let killedMidway = 0;
      for (let round = 0; round < BACKUP_ROUNDS; round++) {
        const path = copyOf(`backup-${round}`);
        const folder = join(dir, `backup-${round}`, 'backups');
        const jobId = await enqueue(path, 'backup');
        const run = await start(path, [], Math.random() * span).done;
        const killed = run.signal === 'SIGKILL';
        const before = backupsAreWhole(folder, students);
        if (killed && before.partial > 0) killedMidway++;
        expect(inspect(path).integrity).toBe('ok');
        const job = await runAgain(path, jobId);
        expect(job?.status, `round ${round}: ${job?.error}`).toBe('succeeded');
        const after = backupsAreWhole(folder, students);
        expect(after.whole).toBeGreaterThanOrEqual(1);
        // The next backup cleared what the killed one left.
        expect(after.partial).toBe(0);
        rmSync(join(dir, `backup-${round}`), { recursive: true, force: true });
      }
      console.log(`backups killed while writing: ${killedMidway} of ${BACKUP_ROUNDS}`);
      expect(killedMidway).toBeGreaterThanOrEqual(2);
    },
  );
});
