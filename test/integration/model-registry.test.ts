import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db';
import {
  champion,
  listModelVersions,
  liveHistory,
  promoteModelVersion,
  registerModelVersion,
  type NewModelVersion,
} from '../../main/backend/services/model-registry';
import { loadArtifact } from '../../main/backend/scoring/model-artifact';
import { saveSchoolProfile } from '../../main/backend/services/school';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

async function school(): Promise<{ db: Db; schoolId: string }> {
  const { db } = await openDatabase(join(tempDir(), 'r.sqlite'));
  dbs.push(db);
  return { db, schoolId: saveSchoolProfile(db, { name: 'Registry School' }, null).id };
}

let clock = Date.UTC(2026, 0, 1);
function version(
  schoolId: string,
  auc: number,
  championAuc: number | null,
  extra: Partial<NewModelVersion> = {},
) {
  clock += 60_000;
  return {
    schoolId,
    kind: 'logistic',
    trigger: 'test',
    featureSchemaHash: 'f'.repeat(64),
    metrics: { auc },
    artifact: new TextEncoder().encode(`weights for ${auc} at ${clock}`),
    heldOutAuc: auc,
    championHeldOutAuc: championAuc,
    now: new Date(clock),
    ...extra,
  } satisfies NewModelVersion;
}

describe('the model registry', () => {
  it('promotes on the temporal judgement when there is one, whatever the held-out rows say', async () => {
    const { db, schoolId } = await school();
    registerModelVersion(db, version(schoolId, 0.8, null));
    // Better on the held-out students, worse on the last school year: stays a challenger.
    const recent = registerModelVersion(
      db,
      version(schoolId, 0.85, 0.8, { temporal: { auc: 0.7, championAuc: 0.75 } }),
    );
    expect(recent.status).toBe('challenger');
    expect(recent.statusReason).toBe(
      "temporal AUC 0.7000 is below the champion's kind 0.7500 on the last school year (tolerance 0)",
    );
    const later = registerModelVersion(
      db,
      version(schoolId, 0.79, 0.8, { temporal: { auc: 0.76, championAuc: 0.75 } }),
    );
    expect(later.status).toBe('champion');
    expect(later.statusReason).toMatch(/^temporal AUC 0\.7600 vs the champion's kind 0\.7500/);
    // Without the champion's figure on the same rows, the held-out comparison decides.
    const fallback = registerModelVersion(
      db,
      version(schoolId, 0.7, 0.8, { temporal: { auc: 0.9, championAuc: null } }),
    );
    expect(fallback.statusReason).toMatch(/held-out AUC 0\.7000 is below/);
  });

  it('crowns the first model, then only a candidate at least as good on the same rows', async () => {
    const { db, schoolId } = await school();
    const first = registerModelVersion(db, version(schoolId, 0.8, null));
    expect(first.status).toBe('champion');
    const worse = registerModelVersion(db, version(schoolId, 0.78, 0.8));
    expect(worse).toMatchObject({ status: 'challenger' });
    expect(worse.statusReason).toMatch(/0\.7800 is below the champion's 0\.8000/);
    const tolerated = registerModelVersion(db, version(schoolId, 0.795, 0.8, { tolerance: 0.01 }));
    expect(tolerated.status).toBe('champion');
    expect(champion(db, schoolId)?.id).toBe(tolerated.id);
    expect(listModelVersions(db, schoolId).find((v) => v.id === first.id)?.status).toBe(
      'challenger',
    );
  });

  it('keeps the last N versions plus the champion, and drops older artifacts', async () => {
    const { db, schoolId } = await school();
    const best = registerModelVersion(db, version(schoolId, 0.9, null));
    for (let i = 0; i < 6; i++) registerModelVersion(db, version(schoolId, 0.7, 0.9, { keep: 3 }));
    const kept = listModelVersions(db, schoolId).filter((v) => v.status !== 'retired');
    expect(kept).toHaveLength(4);
    expect(kept.map((v) => v.id)).toContain(best.id);
    const retired = listModelVersions(db, schoolId).filter((v) => v.status === 'retired');
    expect(retired).toHaveLength(3);
    expect(() => loadArtifact(db, retired[0]?.id ?? '')).toThrow(/retired/);
    expect(() => promoteModelVersion(db, retired[0]?.id ?? '', 'try')).toThrow(
      /only kept versions/,
    );
  });

  it('rolls back in one step and records which version was live when, and why', async () => {
    const { db, schoolId } = await school();
    const a = registerModelVersion(db, version(schoolId, 0.8, null));
    const b = registerModelVersion(db, version(schoolId, 0.85, 0.8));
    expect(champion(db, schoolId)?.id).toBe(b.id);
    promoteModelVersion(db, a.id, 'teachers reported odd scores', null, new Date(clock + 1000));
    expect(champion(db, schoolId)?.id).toBe(a.id);
    const history = liveHistory(db, schoolId);
    expect(history.map((h) => h.modelVersionId)).toEqual([a.id, b.id, a.id]);
    expect(history[0]).toMatchObject({ liveTo: null, reason: 'teachers reported odd scores' });
    expect(history.slice(1).every((h) => h.liveTo !== null)).toBe(true);
    expect(() => promoteModelVersion(db, 'nope', 'x')).toThrow(/no model version/);
  });

  it('refuses an artifact whose bytes no longer match their checksum', async () => {
    const { db, schoolId } = await school();
    const v = registerModelVersion(db, version(schoolId, 0.8, null));
    expect(new TextDecoder().decode(loadArtifact(db, v.id))).toMatch(/weights for 0.8/);
    db.prepare("UPDATE model_versions SET artifact = CAST('tampered' AS BLOB) WHERE id = ?").run(
      v.id,
    );
    expect(() => loadArtifact(db, v.id)).toThrow(/damaged/);
  });

  it('stores each artifact byte for byte, a view into a larger buffer included', async () => {
    const { db, schoolId } = await school();
    const bytes = (text: string) => {
      const padded = new TextEncoder().encode(`##${text}##`);
      return padded.subarray(2, padded.length - 2);
    };
    const a = registerModelVersion(
      db,
      version(schoolId, 0.8, null, { artifact: bytes('model a') }),
    );
    // b replaces a as the champion: a's row changes status, and keeps its artifact.
    const b = registerModelVersion(
      db,
      version(schoolId, 0.85, 0.8, { artifact: bytes('model b') }),
    );
    expect(b.status).toBe('champion');
    expect(new TextDecoder().decode(loadArtifact(db, a.id))).toBe('model a');
    expect(new TextDecoder().decode(loadArtifact(db, b.id))).toBe('model b');
    // a's demotion is audited from the row as it stood (never with the artifact).
    const before = JSON.parse(
      db
        .prepare(
          "SELECT before FROM audit_log WHERE entity = 'model_versions' AND entity_id = ? AND before IS NOT NULL ORDER BY rowid DESC",
        )
        .pluck()
        .get(a.id) as string,
    ) as Record<string, unknown>;
    expect(before).toEqual({ status: 'champion', status_reason: 'first model for this school' });
  });

  it('audits every status change and queues it for sync', async () => {
    const { db, schoolId } = await school();
    const v = registerModelVersion(db, version(schoolId, 0.8, null));
    const audited = db
      .prepare("SELECT count(*) FROM audit_log WHERE entity = 'model_versions' AND entity_id = ?")
      .pluck()
      .get(v.id);
    expect(audited).toBe(2);
    const outbox = db
      .prepare("SELECT count(*) FROM sync_outbox WHERE table_name = 'model_versions'")
      .pluck()
      .get();
    // Changed twice, queued once: the outbox keeps the version's latest change.
    expect(outbox).toBe(1);
    const after = db
      .prepare("SELECT after FROM audit_log WHERE entity = 'model_versions'")
      .pluck()
      .all();
    expect(after.join('')).not.toMatch(/weights for/);
  });
});
