import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startBackend, type Backend } from '../main/backend/backend';
import type { Connection } from '../main/backend/auth/session';
import { currentSchool } from '../main/backend/services/school';
import { systemSession } from '../main/backend/transport/in-process';
import { bindBackend } from '../test/e2e/support/bind-backend';
import { chromiumLaunchOptions } from '../test/e2e/support/chromium';
import { makeDemoChampionLive, STUDENTS } from './demo-champion';
import { BENCH_TODAY, demoSchoolCopy } from './demo-school-cache';
import { afterBenchmarks, median } from './harness';
import { uiProbeScript } from './ui-probe';

/** How long one request took in the backend, as the page asked for it. */
export interface RequestTiming {
  name: string;
  ms: number;
}

/**
 * What the UI benchmarks share: the 5,000-student demo school (a fresh copy of the cached one)
 * with its champion live and every student scored, a backend on that real SQLite file, and
 * Debian's Chromium launched as the e2e tests launch it. Pages get the built renderer with
 * `window.beacon` bound to the backend as in the e2e fixture, and the benchmark probe.
 */
export interface UiSchool {
  backend: Backend;
  schoolId: string;
  students: number;
  /** The champion's kind and how many students it scored. */
  kind: string;
  scored: number;
  /** A new page at 1366×768, bound and probed, not yet navigated. */
  newPage(): Promise<Page>;
  /** A request as the pages make it; throws with the backend's message on failure. */
  ask<T>(name: string, input: unknown): Promise<T>;
  /** Every request the pages made since the last call, with its time in the backend. */
  takeTimings(): RequestTiming[];
  /** Throws when a page logged an error: a benchmark of a failing page measures nothing. */
  checkPages(): void;
}

let shared: Promise<UiSchool> | undefined;

/** The shared UI school, opened by the first UI benchmark that runs and closed after the last. */
export function uiSchool(): Promise<UiSchool> {
  shared ??= openUiSchool();
  return shared;
}

async function openUiSchool(): Promise<UiSchool> {
  const dir = mkdtempSync(join(tmpdir(), 'beacon-bench-ui-'));
  const dbPath = await demoSchoolCopy(STUDENTS, dir);
  const backend = await startBackend({ dbPath, today: () => BENCH_TODAY });
  // Filled in below; closed after the last benchmark even when opening failed half-way.
  const held: { browser?: Browser } = {};
  afterBenchmarks(async () => {
    await held.browser?.close();
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const schoolId = currentSchool(backend.context.db)?.id;
  if (!schoolId) throw new Error('the demo school copy holds no school');
  const { kind, scored } = await makeDemoChampionLive(backend.context.db, schoolId);
  const open = await chromium.launch(chromiumLaunchOptions);
  held.browser = open;

  // A head teacher's view of the whole school: the local system actor sees all of it.
  const connection: Connection = { session: systemSession };
  let timings: RequestTiming[] = [];
  const errors: string[] = [];
  const timed: Pick<Backend, 'dispatch' | 'onEvent'> = {
    dispatch: async (name, input, conn) => {
      const started = performance.now();
      const answer = await backend.dispatch(name, input, conn);
      timings.push({ name, ms: performance.now() - started });
      return answer;
    },
    onEvent: (listener) => backend.onEvent(listener),
  };
  return {
    backend,
    schoolId,
    students: STUDENTS,
    kind,
    scored,
    async newPage() {
      const page = await open.newPage({ viewport: { width: 1366, height: 768 } });
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await bindBackend(page, timed, connection);
      await page.addInitScript({ content: uiProbeScript });
      return page;
    },
    async ask<T>(name: string, input: unknown): Promise<T> {
      const answer = await backend.dispatch(name, input, connection);
      if (!answer.ok) throw new Error(`${name} failed: ${answer.code} ${answer.message}`);
      return answer.value as T;
    },
    takeTimings() {
      const taken = timings;
      timings = [];
      return taken;
    },
    checkPages() {
      if (errors.length) throw new Error(`the page logged errors: ${errors.join('; ')}`);
    },
  };
}

/**
 * Runs `fn` under a Chrome trace of `page` when BEACON_BENCH_TRACE names a folder (the trace
 * lands there as NAME.json, for chrome://tracing or Perfetto); else just runs it.
 */
export async function traced<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.BEACON_BENCH_TRACE;
  const browser = page.context().browser();
  if (!dir || !browser) return fn();
  await browser.startTracing(page, { path: join(dir, `${name}.json`), screenshots: false });
  try {
    return await fn();
  } finally {
    await browser.stopTracing();
  }
}

/**
 * Runs `once` `warmUp + runs` times and answers the measured runs (the warm-up ones let
 * Chromium and V8 compile the paths first).
 */
export async function repeat(
  runs: number,
  warmUp: number,
  once: (run: number) => Promise<number>,
): Promise<number[]> {
  const times: number[] = [];
  for (let r = 0; r < warmUp + runs; r++) {
    const t = await once(r);
    if (r >= warmUp) times.push(t);
  }
  return times;
}

/** Prints a benchmark's figure as soon as it is measured (the table comes only at the end). */
export function progress(name: string, value: number, notes: string): void {
  console.error(`[${name}] ${value.toFixed(1)}: ${notes}`);
}

/** "runs 812, 790, …ms": every measured run, for the notes. */
export const listRuns = (times: number[], unit = 'ms'): string =>
  `runs ${times.map((t) => Math.round(t)).join(', ')} ${unit}`;

/** The median backend time of each request named, e.g. "saveRegister 41 ms". */
export function backendShare(timings: RequestTiming[], names: string[]): string {
  return names
    .map((name) => {
      const ms = timings.filter((t) => t.name === name).map((t) => t.ms);
      return ms.length ? `${name} ${Math.round(median(ms))} ms` : null;
    })
    .filter((s) => s !== null)
    .join(', ');
}
