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
    // databases, so two run side by side.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
