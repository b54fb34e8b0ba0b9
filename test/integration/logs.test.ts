import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toFailure } from '../../main/backend/dispatch';
import { startBackend } from '../../main/backend/backend';
import { errorFields } from '../../main/backend/logs/log-fields';
import { fileLogger } from '../../main/backend/logs/logger';
import { fileSecretStore } from '../../main/backend/secrets/file-secret-store';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';
import { addStudents, ok } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

const allLogText = (dir: string) =>
  readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('');
const lines = (dir: string) =>
  allLogText(dir)
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

// Names and values a log must never hold.
const personal = ['Zacarias', 'Quintanilha', 'Escola das Amendoeiras', 'zq-1987', '1987-02-30'];

describe('structured logs', () => {
  it('record failures, jobs and backups as JSON lines, with no personal data', async () => {
    const dir = tempDir();
    const logDir = join(dir, 'logs');
    const backend = await startBackend({
      dbPath: join(dir, 'beacon.sqlite'),
      secrets: fileSecretStore(join(dir, 'secrets')),
      logDir,
    });
    afterTest(() => backend.close());
    const api = inProcessApi(backend, systemSession);
    ok(await api.saveSchoolProfile({ name: 'Escola das Amendoeiras' }));
    await addStudents(api, ['Zacarias Quintanilha']);
    // Refusals that quote what was sent: a duplicate number, an impossible date, a bad file.
    await api.createStudent({
      studentNumber: 'S1',
      firstName: 'Zacarias',
      lastName: 'Quintanilha',
    });
    await api.createStudent({
      studentNumber: 'zq-1987',
      firstName: 'Zacarias',
      lastName: 'Quintanilha',
      dateOfBirth: '1987-02-30',
    });
    await api.restoreBackup({ path: join(dir, 'Zacarias Quintanilha.sqlite') });
    ok(await api.backupNow({}));
    const jobId = backend.context.jobs.enqueue('backup', { reason: 'manual' }, null);
    await backend.jobs.runOnce();

    const entries = lines(logDir);
    const events = entries.map((e) => `${String(e.event)}:${String(e.code ?? e.stage ?? '')}`);
    expect(events).toEqual(
      expect.arrayContaining([
        'backend.started:',
        'request.failed:CONFLICT',
        'request.failed:INVALID_INPUT',
        'request.failed:NOT_FOUND',
        'job.progress:started',
        'job.progress:succeeded',
      ]),
    );
    expect(entries.filter((e) => e.event === 'backup.written')).toHaveLength(2);
    expect(entries.find((e) => e.stage === 'succeeded')).toMatchObject({ kind: 'backup', jobId });
    for (const e of entries) expect(Date.parse(String(e.time))).not.toBeNaN();
    const text = allLogText(logDir);
    for (const word of personal) expect(text).not.toContain(word);
    if (process.platform !== 'win32') {
      expect(statSync(join(logDir, 'beacon.log')).mode & 0o077).toBe(0);
    }
  });

  it('log where an unexpected error came from, but never what it said', async () => {
    const logDir = join(tempDir(), 'logs');
    const logger = fileLogger(logDir);
    const failure = toFailure(new Error('Zacarias Quintanilha has no guardian on file'), (err) =>
      logger.log('error', 'request.internal', errorFields(err)),
    );
    expect(failure).toMatchObject({
      ok: false,
      code: 'INTERNAL',
      message: 'Something went wrong inside Beacon.',
    });
    logger.log('warn', 'request.failed', { request: 'Zacarias Quintanilha', note: 'Zacarias' });
    const [internal, failed] = lines(logDir);
    expect(internal).toMatchObject({
      level: 'error',
      event: 'request.internal',
      errorName: 'Error',
    });
    expect(String(internal?.frames)).toMatch(/^at /);
    expect(failed).toMatchObject({ request: '[redacted]', note: '[redacted]' });
    expect(allLogText(logDir)).not.toContain('Zacarias');
  });

  it('rotate by size and keep a fixed number of files', () => {
    const logDir = join(tempDir(), 'logs');
    const logger = fileLogger(logDir, { maxBytes: 2000, keep: 3 });
    for (let i = 0; i < 200; i++)
      logger.log('info', 'request.slow', { request: 'riskList', ms: i });
    const files = readdirSync(logDir).sort();
    expect(files).toEqual(['beacon.1.log', 'beacon.2.log', 'beacon.3.log', 'beacon.log']);
    for (const f of files) expect(statSync(join(logDir, f)).size).toBeLessThanOrEqual(2000);
    const newest = lines(logDir).filter((l) => l.ms === 199);
    expect(newest).toHaveLength(1);
  });
});
