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
import type { Connection } from '../../main/backend/auth/session';
import { startBackend, type Backend } from '../../main/backend/backend';
import { bindBackend } from './support/bind-backend';
import { entryUrl } from './support/serve-renderer';

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

/** The school and first administrator that `page` sets up on a fresh database. */
export const firstAdmin = {
  schoolName: 'Hillside Secondary School',
  username: 'admin',
  displayName: 'Ada Admin',
  password: 'correct horse battery',
};

export interface BeaconFixtures {
  /**
   * Whether `page` starts signed in as `firstAdmin`, its school set up by the first-run form's
   * request (the default), or stays on the first-run page (`test.use({ signedIn: false })`).
   */
  signedIn: boolean;
  /** A fresh SQLite file in its own temporary folder, removed after the test. */
  dbPath: string;
  /** The real backend on `dbPath`. Specs use it only to set up or check data. */
  backend: Backend;
  /**
   * The app, showing its home page signed in as `firstAdmin` (or its first-run page when
   * `signedIn` is false). The test fails if the page logs any unexpected error.
   */
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
  // Signing in hashes a password on purpose slowly: on a loaded machine that takes seconds.
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Beacon' })).toBeVisible({
    timeout: 20_000,
  });
}

/** Fills in and sends the first-run form, then waits for the home page, signed in. */
export async function setUpSchoolThroughUi(page: Page, admin = firstAdmin): Promise<void> {
  const form = page.getByRole('form', { name: 'Set up your school' });
  await form.getByRole('textbox', { name: 'School name' }).fill(admin.schoolName);
  await form.getByRole('textbox', { name: 'Your name' }).fill(admin.displayName);
  await form.getByRole('textbox', { name: 'Username' }).fill(admin.username);
  await form.getByLabel(/^Password/).fill(admin.password);
  await form.getByLabel('Confirm password').fill(admin.password);
  await form.getByRole('button', { name: 'Set up Beacon' }).click();
  await waitForHome(page);
}

/** Signs in on the sign-in page and waits for the home page. */
export async function signInThroughUi(page: Page, username: string, password: string) {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByRole('textbox', { name: 'Username' }).fill(username);
  await form.getByLabel(/^Password/).fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await waitForHome(page);
}

/** A fresh database opens at first-run setup; most specs want the app signed in past it. */
async function reachStart(page: Page, signedIn: boolean): Promise<void> {
  // In the browser's language: a spec may run with another locale (test.use({ locale })).
  await expect(page.getByRole('form').first()).toBeVisible();
  if (signedIn) await setUpSchoolThroughUi(page);
}

function assertNoUnexpectedErrors(log: ErrorLog): void {
  const unexpected = log.errors.filter((e) => !log.allowed.some((pattern) => pattern.test(e)));
  expect(unexpected, 'errors logged by the page').toEqual([]);
}

/** Chromium + the built renderer; `window.beacon` built by the contract's createApi. */
const browserPage: PageFixture = async ({ page, backend, errorLog, signedIn }, use) => {
  watchErrors(page, errorLog);
  // One connection per page, as the preload has one port per window.
  const connection: Connection = { session: null };
  const unsubscribe = await bindBackend(page, backend, connection);
  if (signedIn) {
    // The first-run form's own request, sent for the page: the form itself is driven by the
    // specs that test it (auth, languages, accessibility), the others start signed in.
    const setup = await backend.dispatch('setupSchool', firstAdmin, connection);
    if (!setup.ok) throw new Error(`first-run setup failed: ${JSON.stringify(setup)}`);
  }
  await page.goto(entryUrl);
  if (signedIn) await waitForHome(page);
  else await expect(page.getByRole('form').first()).toBeVisible();
  await use(page);
  unsubscribe();
  assertNoUnexpectedErrors(errorLog);
};

/** The real Electron app on the same database file. */
const electronPage: PageFixture = async ({ backend, dbPath, errorLog, signedIn }, use) => {
  void backend; // started first, so the database is migrated before the app opens it
  const app = await electron.launch({
    args: [fileURLToPath(new URL('../../out/main/main.js', import.meta.url))],
    env: { ...process.env, BEACON_DB: dbPath },
  });
  try {
    const page = await app.firstWindow();
    watchErrors(page, errorLog);
    await reachStart(page, signedIn);
    await use(page);
    assertNoUnexpectedErrors(errorLog);
  } finally {
    await app.close();
  }
};

export const test = base.extend<BeaconFixtures>({
  signedIn: [true, { option: true }],
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
