import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HealthSeries } from '../../contract';
import { openDatabase } from '../../db';
import { startBackend } from '../../main/backend/backend';
import { readSeries, storeSamples } from '../../main/backend/health/health-samples';
import { enqueueJob, claimNextJob, completeJob, failJob } from '../../main/backend/jobs/queue';
import { fileSecretStore } from '../../main/backend/secrets/file-secret-store';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';
import { addStudents, ok } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const dir = tempDir();
  const backend = await startBackend({
    dbPath: join(dir, 'beacon.sqlite'),
    secrets: fileSecretStore(join(dir, 'secrets')),
  });
  afterTest(() => backend.close());
  const api = inProcessApi(backend, systemSession);
  ok(await api.saveSchoolProfile({ name: 'Escola do Vale' }));
  return { backend, api };
}

const byMetric = (history: HealthSeries[]) =>
  Object.fromEntries(history.map((s) => [s.metric, s])) as Record<string, HealthSeries>;

describe('health with history', () => {
  it('samples request times, disk and backups, and answers series with thresholds', async () => {
    const { backend, api } = await school();
    const first = byMetric(ok(await api.health({})).history);
    expect(first.hot_query_p95_ms).toMatchObject({ status: 'unknown', latest: null, points: [] });
    expect(first.champion_auc).toMatchObject({ status: 'unknown', threshold: { below: 0.8 } });
    expect(first.last_backup_age_hours).toMatchObject({
      status: 'unknown',
      threshold: { above: 48 },
    });
    expect(first.database_bytes?.latest).toBeGreaterThan(0);
    expect(first.free_disk_bytes?.latest).toBeGreaterThan(0);

    await addStudents(api, ['Ana Silva', 'Bruno Costa']);
    for (let i = 0; i < 5; i++) ok(await api.listStudents({}));
    ok(await api.backupNow({}));
    ok(await api.saveBackupSettings({ everyHours: 12, keep: 5, folder: null }));
    backend.context.health.sample();
    const after = byMetric(ok(await api.health({})).history);
    expect(after.hot_query_p95_ms?.points).toHaveLength(1);
    expect(after.hot_query_p95_ms?.status).not.toBe('unknown');
    expect(after.last_backup_age_hours).toMatchObject({ status: 'ok', threshold: { above: 24 } });
    expect(after.last_backup_age_hours?.latest).toBeLessThan(1);
    // No risk request came: no prediction latency is made up.
    expect(after.prediction_p95_ms?.points).toEqual([]);
    // The window starts again after each sample.
    backend.context.health.sample();
    expect(byMetric(ok(await api.health({})).history).hot_query_p95_ms?.points).toHaveLength(1);
  });

  it('warns past a threshold, counts failed jobs, and keeps each span’s worst value', async () => {
    const { backend, api } = await school();
    const db = backend.context.db;
    backend.context.health.recordTraining(45 * 60_000);
    for (let i = 0; i < 3; i++) {
      const id = enqueueJob(db, 'sync', {}, { maxAttempts: 1 });
      claimNextJob(db, 'me', 60_000);
      if (i === 0) failJob(db, id, 'me', 'server unreachable');
      else completeJob(db, id, 'me', null);
    }
    const h = byMetric(ok(await api.health({})).history);
    expect(h.training_minutes).toMatchObject({ latest: 45, status: 'warn' });
    expect(h.job_failure_rate?.latest).toBeCloseTo(1 / 3);
    expect(h.job_failure_rate?.status).toBe('warn');

    const { db: other } = await openDatabase(join(tempDir(), 'series.sqlite'));
    const now = new Date();
    for (let i = 0; i < 1000; i++) {
      storeSamples(
        other,
        { hot_query_p95_ms: i === 500 ? 80 : 10, champion_auc: i === 700 ? 0.5 : 0.9 },
        new Date(now.getTime() - (1000 - i) * 3_600_000 * 2),
      );
    }
    const series = byMetric(readSeries(other, now));
    other.close();
    const hot = series.hot_query_p95_ms?.points ?? [];
    expect(hot.length).toBeLessThanOrEqual(200);
    expect(hot.length).toBeGreaterThan(100);
    expect(Math.max(...hot.map((p) => p.value))).toBe(80);
    expect(Math.min(...(series.champion_auc?.points ?? []).map((p) => p.value))).toBe(0.5);
    expect(series.champion_auc).toMatchObject({ latest: 0.9, status: 'ok' });
    // Only the last 90 days are shown (1000 samples two hours apart reach back 83 days).
    expect(Date.parse(hot[0]?.at ?? '')).toBeGreaterThan(now.getTime() - 91 * 86_400_000);
  });
});
