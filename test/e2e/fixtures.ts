import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  _electron as electron,
  test as base,
  expect,
  type ConsoleMessage,
  type Page,
  type PlaywrightTestArgs,
  type TestFixture,
} from '@playwright/test';
import { startBackend, type Backend } from '../../main/backend/backend';
import type { Connection } from '../../main/backend/handlers/types';
import { pageApiScript } from './support/page-api-script';
import { entryUrl, serveRenderer } from './support/serve-renderer';

/**
 * Which app the specs drive. `browser` (the default): the built renderer in Chromium, bound to a
 * backend in the test process. `electron`: the real app (`out/main/main.js`) where Electron's
 * binary exists; the test's backend then shares the app's database file, for setup only.
 */
const target = process.env.BEACON_E2E_TARGET === 'electron' ? 'electron' : 'browser';

interface ErrorLog {
  errors: string[];
  allowed: RegExp[];
}

export interface BeaconFixtures {
  /** A fresh SQLite file in its own temporary folder, removed after the test. */
  dbPath: string;
  /** The real backend on `dbPath`. Specs use it only to set up or check data. */
  backend: Backend;
  /** The app, showing its home page. The test fails if the page logs any unexpected error. */
  page: Page;
  /** Lets this test expect console errors matching `pattern` (say, a CSP violation it provokes). */
  allowConsoleError: (pattern: RegExp) => void;
  errorLog: ErrorLog;
}

type PageFixture = TestFixture<Page, BeaconFixtures & PlaywrightTestArgs>;

/** Records page errors and console errors, so the test can fail on any it did not expect. */
function watchErrors(page: Page, log: ErrorLog): void {
  page.on('pageerror', (error) => log.errors.push(`pageerror: ${error.message}`));
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') log.errors.push(`console: ${message.text()}`);
  });
}

async function waitForHome(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Beacon' })).toBeVisible();
}

function assertNoUnexpectedErrors(log: ErrorLog): void {
  const unexpected = log.errors.filter((e) => !log.allowed.some((pattern) => pattern.test(e)));
  expect(unexpected, 'errors logged by the page').toEqual([]);
}

/** Chromium + the built renderer; `window.beacon` built by the contract's createApi. */
const browserPage: PageFixture = async ({ page, backend, errorLog }, use) => {
  watchErrors(page, errorLog);
  // One connection per page, as the preload has one port per window.
  const connection: Connection = { session: null };
  await page.exposeBinding('__beaconRequest', (_source, name: string, input: unknown) =>
    backend.dispatch(name, input, connection),
  );
  const unsubscribe = backend.onEvent((event, payload) => {
    page
      .evaluate(
        ([e, p]) =>
          (window as unknown as { __beaconEvent(e: string, p: unknown): void }).__beaconEvent(e, p),
        [event, payload] as const,
      )
      .catch(() => {}); // the page may be navigating or closed: the event is simply lost
  });
  await page.addInitScript({ content: pageApiScript() });
  await serveRenderer(page);
  await page.goto(entryUrl);
  await waitForHome(page);
  await use(page);
  unsubscribe();
  assertNoUnexpectedErrors(errorLog);
};

/** The real Electron app on the same database file. */
const electronPage: PageFixture = async ({ backend, dbPath, errorLog }, use) => {
  void backend; // started first, so the database is migrated before the app opens it
  const app = await electron.launch({
    args: [fileURLToPath(new URL('../../out/main/main.js', import.meta.url))],
    env: { ...process.env, BEACON_DB: dbPath },
  });
  try {
    const page = await app.firstWindow();
    watchErrors(page, errorLog);
    await waitForHome(page);
    await use(page);
    assertNoUnexpectedErrors(errorLog);
  } finally {
    await app.close();
  }
};

export const test = base.extend<BeaconFixtures>({
  // eslint-disable-next-line no-empty-pattern
  dbPath: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'beacon-e2e-'));
    await use(join(dir, 'beacon.sqlite'));
    rmSync(dir, { recursive: true, force: true });
  },
  backend: async ({ dbPath }, use) => {
    const backend = await startBackend({ dbPath });
    await use(backend);
    backend.close();
  },
  // eslint-disable-next-line no-empty-pattern
  errorLog: async ({}, use) => {
    await use({ errors: [], allowed: [] });
  },
  allowConsoleError: async ({ errorLog }, use) => {
    await use((pattern) => errorLog.allowed.push(pattern));
  },
  page: target === 'electron' ? electronPage : browserPage,
});

export { expect };
