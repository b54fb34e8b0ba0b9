import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Events } from '../contract';
import { startBackend } from '../main/backend/backend';
import { inProcessApi } from '../main/backend/transport/in-process';
import type { Benchmark, BenchResult } from './harness';

const TODAY = '2026-11-29';
const load = () => `load average ${loadavg()[0]?.toFixed(1)}`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * On a shared machine the wall-clock figure follows the load average (printed beside it); the
 * process's CPU time (the backend and its training worker) is the steadier figure.
 *
 * A new user's first run, as the first-run screen drives it: `loadDemoSchool` (the demo school's
 * profile, its administrator, the queued job), the 'demo' job (simulate, write, rebuild the
 * features, train and score the first model), until the at-risk list answers with scored
 * students. The renderer's own time is the e2e spec's (specs/demo.spec.ts). Notes split the
 * time by the job's steps.
 */
async function firstRun(students: number): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'beacon-bench-first-run-'));
  const backend = await startBackend({ dbPath: join(dir, 'demo.sqlite'), today: () => TODAY });
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    // When each step was first seen, in ms from the start.
    const seen = new Map<string, number>();
    backend.onEvent((event, payload) => {
      if (event !== 'jobProgress') return;
      const p = payload as Events['jobProgress'];
      const key = p.step?.code === 'candidate' ? 'candidates' : (p.step?.code ?? p.stage);
      if (!seen.has(key)) seen.set(key, performance.now() - started);
    });
    const api = inProcessApi(backend);
    const demo = await api.loadDemoSchool({
      username: 'bench',
      displayName: 'Bench Admin',
      password: 'bench password 1',
      students,
    });
    if (!demo.ok) throw new Error(demo.message);
    await backend.jobs.runOnce(demo.value.jobId);
    const list = await api.riskList({ limit: 100 });
    const total = performance.now() - started;
    const used = process.cpuUsage(cpu);
    if (!list.ok || list.value.entries.length === 0)
      throw new Error('The first run ended with no scored student.');
    // Each step runs until the next one starts; the worker reports how many examples it read
    // once it has read them, so 'reading' runs from the training's start to that report.
    const marks: [string, string][] = [
      ['writing (simulate, write, rebuild)', 'started'],
      ['reading the history', 'training'],
      ['preparing', 'history'],
      ['candidates', 'candidates'],
      ['final model', 'final'],
      ['checking', 'check'],
      ['scoring and saving', 'scoring'],
    ];
    const found = marks.filter(([, key]) => seen.has(key));
    const steps = found.map(([name, key], i) => {
      const next = found[i + 1];
      const to = next ? (seen.get(next[1]) as number) : total;
      return `${name} ${s(to - (seen.get(key) as number))}`;
    });
    return {
      value: total / 1000,
      notes:
        steps.join(', ') +
        `; ${list.value.total} scored; CPU time of the process (all threads) ` +
        `${s((used.user + used.system) / 1000)}; ${load()}`,
    };
  } finally {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `beacon demo --db PATH` with its defaults (1,200 students, three years), as a process. */
async function cliDefault(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'beacon-bench-cli-demo-'));
  try {
    const started = performance.now();
    let output = '';
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'main/cli/beacon.ts', 'demo', '--db', join(dir, 'demo.sqlite')],
        { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.on('error', reject);
      child.on('exit', resolve);
    });
    const total = performance.now() - started;
    if (code !== 0) throw new Error(`beacon demo exited with ${code}:\n${output}`);
    return { value: total / 1000, notes: `run through tsx (compiling included); ${load()}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** demo.first-run.300: the first-run screen's small demo school, to the at-risk list. */
export const demoFirstRun300: Benchmark = {
  name: 'demo.first-run.300',
  unit: 's',
  target: '<= 10',
  meets: (v) => v <= 10,
  run: () => firstRun(300),
};

/** demo.first-run.1200: the first-run screen's large demo school, to the at-risk list. */
export const demoFirstRun1200: Benchmark = {
  name: 'demo.first-run.1200',
  unit: 's',
  target: '<= 30',
  meets: (v) => v <= 30,
  run: () => firstRun(1200),
};

/** demo.cli.default: `beacon demo` with its defaults, start to exit. */
export const demoCliDefault: Benchmark = {
  name: 'demo.cli.default',
  unit: 's',
  target: '<= 30',
  meets: (v) => v <= 30,
  run: cliDefault,
};
