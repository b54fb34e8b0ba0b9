import { join } from 'node:path';

/**
 * The entry points tests start as real child processes. test/global-setup.ts bundles them once
 * per run, the way `npm run build:node` bundles the app, so each child starts from plain
 * JavaScript instead of compiling its TypeScript through tsx again (seconds of CPU a start).
 */
export const bundledEntries = {
  'beacon-cli': 'main/cli/beacon.ts',
  'job-kill-child': 'test/support/job-kill-child.ts',
  'job-runner-child': 'test/support/job-runner-child.ts',
  'import-kill-child': 'test/support/import-kill-child.ts',
  'register-saver-child': 'test/support/register-saver-child.ts',
} as const;

export type BundledEntry = keyof typeof bundledEntries;

/** Where global-setup tells the test workers (and their children) the bundles are. */
export const BUNDLES_ENV = 'BEACON_TEST_BUNDLES';

/** The bundled script of `entry`, to start with `node`. */
export function bundledScript(entry: BundledEntry): string {
  const dir = process.env[BUNDLES_ENV];
  if (!dir) throw new Error(`${BUNDLES_ENV} is not set: run the tests through vitest.config.ts.`);
  return join(dir, `${entry}.js`);
}
