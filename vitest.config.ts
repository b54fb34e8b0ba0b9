import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/central/**/*.test.ts',
    ],
    environment: 'node',
    // Bundles the CLI and the child-process scripts once, so each spawn starts from JavaScript.
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single worker on a 2-core machine, while
    // many files mostly wait on child processes and PostgreSQL. Every file uses its own files and
    // databases, so three run side by side: on a quiet 2-core machine the whole run took 373 s
    // against 443 s with two, and the machine was still idle part of the time.
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
