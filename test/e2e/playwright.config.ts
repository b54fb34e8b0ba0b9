import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './support/chromium';

/**
 * End-to-end tests of the built renderer (`out/renderer`) in Debian's Chromium, wired to a real
 * backend in the test process (see fixtures.ts). No browser is ever downloaded.
 */
export default defineConfig({
  testDir: './specs',
  outputDir: '../../test-results/e2e',
  // The Electron app holds a single-instance lock, so it runs one test at a time.
  workers: process.env.BEACON_E2E_TARGET === 'electron' ? 1 : 2,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 768 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
