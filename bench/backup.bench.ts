import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startBackend } from '../main/backend/backend';
import { fileSecretStore } from '../main/backend/secrets/file-secret-store';
import { inProcessApi, systemSession } from '../main/backend/transport/in-process';
import { BENCH_TODAY, demoSchoolCopy } from './demo-school-cache';
import { timeMs, type Benchmark } from './harness';

/** The demo school the first-run screen loads by default. */
const STUDENTS = 600;

export const backupDemo: Benchmark = {
  name: 'backup.demo.600',
  unit: 's',
  target: '<= 10',
  meets: (v) => v <= 10,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'beacon-bench-backup-'));
    try {
      const dbPath = await demoSchoolCopy(STUDENTS, dir);
      const backend = await startBackend({
        dbPath,
        today: () => BENCH_TODAY,
        secrets: fileSecretStore(join(dir, 'secrets')),
        logDir: null,
      });
      try {
        const api = inProcessApi(backend, systemSession);
        const delay = monitorEventLoopDelay({ resolution: 5 });
        let size = 0;
        delay.enable();
        const ms = await timeMs(async () => {
          const made = await api.backupNow({});
          if (!made.ok) throw new Error(made.message);
          size = made.value.sizeBytes;
        });
        delay.disable();
        const mb = size / 1_048_576;
        return {
          value: ms / 1000,
          notes:
            `${mb.toFixed(0)} MB (${(mb / (ms / 1000)).toFixed(0)} MB/s), online through the ` +
            `backup API; largest event-loop delay ${(delay.max / 1e6).toFixed(0)} ms`,
        };
      } finally {
        await backend.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
