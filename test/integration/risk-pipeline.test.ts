import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Events } from '../../contract';
import { startBackend, type Backend } from '../../main/backend/backend';
import { loadDemoSchool } from '../../main/backend/demo/load-demo';
import { getJob } from '../../main/backend/jobs/queue';
import { inputRow } from '../../main/backend/features/model-inputs';
import { scorerFor } from '../../main/backend/scoring/scorer-cache';
import { readStoredFeatures } from '../../main/backend/scoring/stored-features';
import { champion } from '../../main/backend/services/model-registry';
import {
  inProcessApi,
  systemConnection,
  systemSession,
} from '../../main/backend/transport/in-process';
import { addUser, ok } from '../support/school';

const today = '2026-11-29';
// One school for the whole file: it takes a while to simulate and train.
const dir = mkdtempSync(join(tmpdir(), 'beacon-risk-'));
// Small candidates keep the test quick; the full set is measured by the benchmarks.
const trainOptions = { candidates: ['logistic', 'forest'], forest: { trees: 40 } };

let backend: Backend;
let schoolId: string;
const progress: Events['jobProgress'][] = [];

async function train(seed: number): Promise<string> {
  const jobId = backend.context.jobs.enqueue(
    'train',
    { schoolId, trigger: 'test', seed, trainOptions },
    schoolId,
  );
  await backend.jobs.runOnce();
  const job = getJob(backend.context.db, jobId);
  expect(job?.error ?? null).toBeNull();
  expect(job?.status).toBe('succeeded');
  return (job?.result as { versionId: string }).versionId;
}

beforeAll(async () => {
  backend = await startBackend({ dbPath: join(dir, 'risk.sqlite'), today: () => today });
  backend.onEvent((event, payload) => {
    if (event === 'jobProgress') progress.push(payload as Events['jobProgress']);
  });
  schoolId = loadDemoSchool(
    backend.context.db,
    { students: 300, years: 3, seed: 3, today },
    null,
  ).schoolId;
}, 120_000);
afterAll(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('training, scoring and explaining', () => {
  let first: string;

  it('trains in a worker while the backend keeps answering requests', async () => {
    const jobId = backend.context.jobs.enqueue(
      'train',
      { schoolId, trigger: 'test', seed: 1, trainOptions },
      schoolId,
    );
    const run = backend.jobs.runOnce();
    let answeredWhileRunning = 0;
    while (getJob(backend.context.db, jobId)?.status === 'queued')
      await new Promise((r) => setImmediate(r));
    while (getJob(backend.context.db, jobId)?.status === 'running') {
      const health = await backend.dispatch('health', {}, systemConnection());
      if (health.ok && getJob(backend.context.db, jobId)?.status === 'running')
        answeredWhileRunning++;
      await new Promise((r) => setTimeout(r, 5));
    }
    await run;
    expect(getJob(backend.context.db, jobId)?.status).toBe('succeeded');
    expect(answeredWhileRunning).toBeGreaterThan(3);
    expect(progress.map((p) => p.stage)).toEqual(
      expect.arrayContaining(['started', 'examples', 'validate', 'scoring', 'succeeded']),
    );
    first = (getJob(backend.context.db, jobId)?.result as { versionId: string }).versionId;
  }, 120_000);

  it('records the version with held-out metrics, fairness and the training window', () => {
    const live = champion(backend.context.db, schoolId);
    expect(live?.id).toBe(first);
    const heldOut = live?.metrics.heldOut as {
      rocAuc: number;
      fairness: Record<string, unknown>;
      calibration: unknown[];
    };
    expect(heldOut.rocAuc).toBeGreaterThan(0.7);
    expect(Object.keys(heldOut.fairness).sort()).toEqual(['ageBand', 'sex']);
    expect(heldOut.calibration.length).toBeGreaterThan(0);
    expect(live?.trainingFrom).toMatch(/^\d{4}-\d{2}-01$/);
    expect(live?.featureSchemaHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('scores the whole school, highest first, with tiers and plain-words factors', async () => {
    const list = ok(await inProcessApi(backend, systemSession).riskList({ limit: 1000 }));
    expect(list.model?.id).toBe(first);
    const scores = list.entries.map((e) => e.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // A tier never contradicts its number: high needs the top 10% AND at least 20%, medium the
    // next 15% AND at least 10%; so high is at most 10% of the school (ties aside).
    const high = list.entries.filter((e) => e.tier === 'high');
    expect(high.length / list.total).toBeLessThanOrEqual(0.11);
    expect(high.every((e) => e.score >= 0.2)).toBe(true);
    const medium = list.entries.filter((e) => e.tier === 'medium');
    expect(medium.every((e) => e.score >= 0.1 && e.score < (high.at(-1)?.score ?? 2))).toBe(true);
    expect(list.entries.filter((e) => e.tier !== 'low').length / list.total).toBeLessThanOrEqual(
      0.26,
    );
    const { cutoffs } = ok(await inProcessApi(backend, systemSession).getRiskSettings({}));
    expect(cutoffs?.high).toBeGreaterThanOrEqual(0.2);
    expect(cutoffs?.medium).toBeGreaterThanOrEqual(0.1);
    for (const e of list.entries) {
      const tier =
        e.score >= (cutoffs?.high ?? 2)
          ? 'high'
          : e.score >= (cutoffs?.medium ?? 2)
            ? 'medium'
            : 'low';
      expect(e.tier).toBe(tier);
    }
    const top = list.entries[0];
    expect(top?.scoreText).toMatch(
      /^about \d+ in 100 students with this record left school within a year$/,
    );
    expect(list.horizonMonths).toBe(12);
    expect(list.model?.tiers?.high.recall).toBeGreaterThan(0);
    const reasons = top?.factors.filter((f) => f.kind === 'indicator') ?? [];
    expect(reasons.length).toBeGreaterThan(0);
    expect(
      reasons.every(
        (f) =>
          f.direction === 'raises' &&
          f.weight > 0 &&
          f.value !== null &&
          f.text.includes('(school median'),
      ),
    ).toBe(true);
    // Missing data is never a reason: a student without marks shows a data gap, apart.
    for (const e of list.entries) {
      for (const f of e.factors) {
        if (f.kind === 'data_gap') expect(f).toMatchObject({ value: null, weight: 0 });
        else expect(f.value).not.toBeNull();
      }
    }
    // The stored score is the champion's scorer on the stored features, nothing else.
    const live = champion(backend.context.db, schoolId);
    const scorer = scorerFor(backend.context.db, first, live?.artifactSha256 ?? '');
    const features = readStoredFeatures(backend.context.db, schoolId, [top?.studentId ?? '']);
    const f = features.get(top?.studentId ?? '');
    expect(f).toBeDefined();
    if (f) expect(scorer.scoreRow(inputRow(f))).toBeCloseTo(top?.score ?? -1, 12);
  });

  it('re-scores a student in the same request that saved their attendance', async () => {
    const db = backend.context.db;
    const row = db
      .prepare(
        `SELECT a.student_id AS studentId, a.class_id AS classId, a.date FROM attendance a
         JOIN students s ON s.id = a.student_id AND s.status = 'active'
         WHERE a.status = 'present' ORDER BY a.date DESC LIMIT 1`,
      )
      .get() as { studentId: string; classId: string; date: string };
    const before = db
      .prepare('SELECT score, scored_at FROM risk_scores WHERE student_id = ?')
      .get(row.studentId) as {
      score: number;
      scored_at: string;
    };
    const api = inProcessApi(backend, systemSession);
    ok(
      await api.saveRegister({
        classId: row.classId,
        date: row.date,
        entries: [{ studentId: row.studentId, status: 'absent' }],
      }),
    );
    const after = db
      .prepare('SELECT score, scored_at FROM risk_scores WHERE student_id = ?')
      .get(row.studentId) as {
      score: number;
      scored_at: string;
    };
    expect(after.scored_at > before.scored_at).toBe(true);
    // The new score is the champion's on the features as they now stand (one more absence).
    const f = readStoredFeatures(db, schoolId, [row.studentId]).get(row.studentId);
    const live = champion(db, schoolId);
    if (!f || !live) throw new Error('expected features and a champion');
    expect(scorerFor(db, live.id, live.artifactSha256).scoreRow(inputRow(f))).toBeCloseTo(
      after.score,
      12,
    );
  });

  it('lets a head teacher redraw the tiers, and shows teachers only their own classes', async () => {
    const api = inProcessApi(backend, systemSession);
    const settings = ok(
      await api.saveRiskSettings({
        highShare: 0.2,
        mediumShare: 0.2,
        highFloor: 0,
        mediumFloor: 0,
      }),
    );
    expect(settings).toMatchObject({ highShare: 0.2, highFloor: 0, mediumFloor: 0 });
    const list = ok(await api.riskList({ limit: 1000 }));
    expect(
      list.entries.filter((e) => e.tier === 'high').length / list.total,
    ).toBeGreaterThanOrEqual(0.19);
    expect(await api.saveRiskSettings({ highFloor: 0.1, mediumFloor: 0.3 })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    // Back to the default floors: no student is high below 20%.
    ok(await api.saveRiskSettings({ highFloor: 0.2, mediumFloor: 0.1 }));
    const floored = ok(await api.riskList({ limit: 1000 }));
    expect(floored.entries.filter((e) => e.tier === 'high').every((e) => e.score >= 0.2)).toBe(
      true,
    );

    const db = backend.context.db;
    const cls = db
      .prepare(
        `SELECT c.id, c.name FROM classes c JOIN enrolments e ON e.class_id = c.id
         WHERE e.end_date IS NULL AND e.deleted_at IS NULL GROUP BY c.id LIMIT 1`,
      )
      .get() as { id: string; name: string };
    const teacher = addUser(backend, schoolId, 'teacher', 'Rui Teacher');
    db.prepare('UPDATE classes SET teacher_id = ? WHERE id = ?').run(teacher.id, cls.id);
    const mine = ok(await teacher.api.riskList({ limit: 1000 }));
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.entries.every((e) => e.className === cls.name)).toBe(true);
    const other = list.entries.find((e) => e.className !== cls.name);
    expect(await teacher.api.studentRisk({ studentId: other?.studentId ?? '' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await teacher.api.trainModel({})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('keeps a second model a challenger unless it is as good, and rolls back in one step', async () => {
    const second = await train(7);
    const api = inProcessApi(backend, systemSession);
    const versions = ok(await api.listModelVersions({}));
    expect(versions.map((v) => v.id)).toEqual([second, first]);
    const newer = versions[0];
    // With two school years of outcomes, promotion uses the temporal judgement (when the
    // held-out students drew enough dropouts in the last year; ids are random here).
    expect(newer?.heldOutAuc).toBeGreaterThan(0.6);
    if (typeof newer?.temporalAuc === 'number') {
      expect(newer.statusReason).toMatch(/temporal AUC .* (vs|is below) the champion's kind/);
      expect(newer.temporalAuc).toBeGreaterThan(0.6);
    } else {
      expect(newer?.statusReason).toMatch(/held-out AUC .* (vs|is below) (the )?champion/);
    }
    // Whichever is live, make the other one live: one request, and every score follows.
    const target = champion(backend.context.db, schoolId)?.id === first ? second : first;
    ok(await api.promoteModelVersion({ id: target, reason: 'rollback drill' }));
    expect(champion(backend.context.db, schoolId)?.id).toBe(target);
    const history = ok(await api.modelLiveHistory({}));
    expect(history[0]).toMatchObject({
      modelVersionId: target,
      liveTo: null,
      reason: 'rollback drill',
    });
    const models = backend.context.db
      .prepare('SELECT DISTINCT model_version_id FROM risk_scores')
      .pluck()
      .all();
    expect(models).toEqual([target]);
    const student = ok(await api.riskList({ limit: 1 })).entries[0];
    const risk = ok(await api.studentRisk({ studentId: student?.studentId ?? '' }));
    expect(risk.history.length).toBeGreaterThan(0);
    expect(risk.history.at(-1)?.modelVersionId).toBe(target);
  }, 120_000);

  it('uses protected attributes as inputs only when the school setting says so', async () => {
    const api = inProcessApi(backend, systemSession);
    const columns = () =>
      (
        scorerFor(
          backend.context.db,
          champion(backend.context.db, schoolId)?.id ?? '',
          champion(backend.context.db, schoolId)?.artifactSha256 ?? '',
        ).header.preprocessor.columns as { name: string }[]
      ).map((c) => c.name);
    expect(columns()).not.toContain('sex');
    expect(ok(await api.getRiskSettings({})).protectedInputs).toBe(false);
    ok(await api.saveRiskSettings({ protectedInputs: true }));
    const third = await train(11);
    // Another set of inputs cannot be compared on the same rows: the new model takes over.
    expect(champion(backend.context.db, schoolId)?.id).toBe(third);
    expect(columns()).toEqual(expect.arrayContaining(['sex', 'ethnicity', 'low_income']));
    const list = ok(await api.riskList({ limit: 5 }));
    expect(list.entries.length).toBe(5);
    expect(list.model?.id).toBe(third);
  }, 120_000);

  it('refuses to load the demo school over real records', () => {
    expect(() =>
      loadDemoSchool(backend.context.db, { students: 30, years: 2, seed: 1, today }, null),
    ).toThrow(/already holds \d+ students/);
  });
});
