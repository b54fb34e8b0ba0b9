import { describe, expect, it } from 'vitest';
import { migrateCentral } from '../../main/backend/central/central-schema';
import { parseCentralUrl } from '../../main/backend/central/central-url';
import { trainSchoolForDistrict } from '../../main/backend/district/district-train';
import { getJob } from '../../main/backend/jobs/queue';
import { champion, listModelVersions } from '../../main/backend/services/model-registry';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';
import { useTempDir } from '../support/temp-dir';
import { districtToday, quickTraining, syncedDemoSchool } from './district-world';
import { asAdmin, usePgDatabase } from './pg-test-db';

const newDatabase = usePgDatabase();
const tempDir = useTempDir();

const tools = () => ({ signal: new AbortController().signal, progress: () => undefined });

describe('sync pulls the models the district published', () => {
  it('offers each as a challenger under the promotion rule, once, and refuses a damaged one', async () => {
    const url = await newDatabase();
    const target = parseCentralUrl(url);
    await migrateCentral(target);
    const laptop = await syncedDemoSchool(target, tempDir(), 'VALE');
    try {
      const { db, schoolId, backend } = laptop;
      // The laptop trains its own champion first.
      const jobId = backend.context.jobs.enqueue(
        'train',
        { schoolId, trigger: 'test', seed: 1, trainOptions: quickTraining },
        schoolId,
      );
      await backend.jobs.runOnce();
      expect(getJob(db, jobId)?.status).toBe('succeeded');
      const before = champion(db, schoolId);
      expect(before).not.toBeNull();

      const published = await trainSchoolForDistrict(
        target,
        { code: 'VALE', today: districtToday, trainOptions: quickTraining },
        tools(),
      );
      const first = await laptop.sync();
      expect(first.models).toBe(1);
      const pulled = listModelVersions(db, schoolId).filter((v) => v.source === 'district');
      expect(pulled).toHaveLength(1);
      const version = pulled[0]!;
      expect(version.artifactSha256).toBe(published.sha256);
      expect(version.kind).toBe(published.kind);
      expect(version.trigger).toBe('district');
      expect(version.metrics.district).toMatchObject({ id: published.modelId });
      // The registry's rule, on this laptop's held-out students, the champion judged alongside.
      const mine = version.metrics.laptopHeldOutAuc as number;
      const theirs = version.metrics.championHeldOutAuc as number;
      expect(typeof mine).toBe('number');
      expect(typeof theirs).toBe('number');
      expect(version.statusReason).toContain('held-out AUC');
      const won = mine >= theirs;
      expect(version.status).toBe(won ? 'champion' : 'challenger');
      expect(champion(db, schoolId)?.id).toBe(won ? version.id : before!.id);

      const audited = db
        .prepare(
          `SELECT action FROM audit_log WHERE school_id = ? AND entity = 'model_versions' AND entity_id = ?`,
        )
        .pluck()
        .all(schoolId, version.id);
      expect(audited).toContain('create');

      // Pulled once, never twice.
      const second = await laptop.sync();
      expect(second.models).toBe(0);
      expect(listModelVersions(db, schoolId).filter((v) => v.source === 'district')).toHaveLength(
        1,
      );

      // A published model whose bytes no longer match their sha256 is refused; nothing changes.
      await asAdmin(url, (c) =>
        c.query(
          `INSERT INTO district_models (school_id, id, kind, feature_schema_hash, artifact,
             artifact_sha256, metrics, training_from, training_to, trained_by)
           SELECT school_id, 'damaged', kind, feature_schema_hash,
                  overlay(artifact placing '\\x00ff'::bytea from 40), artifact_sha256, metrics,
                  training_from, training_to, trained_by
             FROM district_models WHERE id = $1`,
          [published.modelId],
        ),
      );
      const versions = listModelVersions(db, schoolId);
      const audits = db.prepare('SELECT count(*) FROM audit_log').pluck().get();
      const live = champion(db, schoolId)?.id;
      await expect(laptop.sync()).rejects.toMatchObject({
        code: 'MODEL_REFUSED',
        message: expect.stringContaining(
          'The model damaged the district published for this school is damaged',
        ),
      });
      expect(listModelVersions(db, schoolId)).toEqual(versions);
      expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(audits);
      expect(champion(db, schoolId)?.id).toBe(live);
    } finally {
      await laptop.backend.close();
    }
  }, 240_000);

  it('a laptop with no model takes the first district model as its champion', async () => {
    const url = await newDatabase();
    const target = parseCentralUrl(url);
    await migrateCentral(target);
    const laptop = await syncedDemoSchool(target, tempDir(), 'HILL');
    try {
      expect(champion(laptop.db, laptop.schoolId)).toBeNull();
      const published = await trainSchoolForDistrict(
        target,
        { code: 'HILL', today: districtToday, trainOptions: quickTraining },
        tools(),
      );
      expect((await laptop.sync()).models).toBe(1);
      const live = champion(laptop.db, laptop.schoolId);
      expect(live?.source).toBe('district');
      expect(live?.artifactSha256).toBe(published.sha256);
      expect(live?.statusReason).toBe('first model for this school');
      // Every student is scored by it.
      const scored = laptop.db
        .prepare('SELECT count(DISTINCT student_id) FROM risk_scores WHERE model_version_id = ?')
        .pluck()
        .get(live!.id) as number;
      expect(scored).toBeGreaterThan(0);
      // The Sync screen says what came from the district.
      const status = await inProcessApi(laptop.backend, systemSession).syncStatus({});
      expect(status.ok && status.value.districtModels).toEqual({
        count: 1,
        lastAt: expect.any(String),
      });
    } finally {
      await laptop.backend.close();
    }
  }, 240_000);
});
