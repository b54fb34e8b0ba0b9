import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../../main/backend/backend';
import { loadDemoSchool } from '../../main/backend/demo/load-demo';
import {
  inputRow,
  modelInputs,
  protectedInputs,
  protectedRow,
} from '../../main/backend/features/model-inputs';
import { getJob } from '../../main/backend/jobs/queue';
import { readRiskSettings } from '../../main/backend/scoring/risk-settings';
import {
  computeScores,
  drain,
  packPlan,
  planSchoolScoring,
  savePlanInSlices,
  schoolReference,
  scoreSchool,
  scoreSchoolInSlices,
} from '../../main/backend/scoring/score';
import { championScorer } from '../../main/backend/scoring/scorer-cache';
import {
  readStoredFeatures,
  type StoredFeatures,
} from '../../main/backend/scoring/stored-features';

/**
 * The whole-school scoring saves exactly what scoring and explaining each student on their own
 * would: every score to the last bit, every tier and every factor's text. The one-student path
 * (computeScores, what a write runs) and the school's medians as they were computed before the
 * whole-school path was sped up (one row object per student, below) are the oracle.
 */

const today = '2026-11-29';
const dir = mkdtempSync(join(tmpdir(), 'beacon-school-scoring-'));
let backend: Backend;
let schoolId: string;

type Reference = Record<string, number | string | null>;

/** schoolReference as it was: a row object per student, then each column's values. */
function referenceFromRows(features: Iterable<StoredFeatures>): Reference {
  const rows = [...features].map((f) => ({ ...inputRow(f), ...protectedRow(f.facts) }));
  const reference: Reference = {};
  const columns = [
    ...modelInputs,
    ...protectedInputs.map((p) => ({ name: p.name, kind: 'categorical' })),
  ];
  for (const input of columns) {
    const values = rows.map((r) => r[input.name]).filter((v) => v !== null && v !== undefined);
    if (input.kind === 'numeric') {
      const nums = (values as number[]).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
      const mid = Math.floor(nums.length / 2);
      reference[input.name] =
        nums.length === 0
          ? null
          : nums.length % 2
            ? (nums[mid] ?? null)
            : ((nums[mid - 1] ?? 0) + (nums[mid] ?? 0)) / 2;
    } else {
      const counts = new Map<string, number>();
      for (const v of values as string[]) counts.set(v, (counts.get(v) ?? 0) + 1);
      reference[input.name] = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    }
  }
  return reference;
}

interface Saved {
  studentId: string;
  score: number;
  tier: string;
  factors: string;
}

const saved = (): Saved[] =>
  backend.context.db
    .prepare(
      'SELECT student_id AS studentId, score, tier, factors FROM risk_scores WHERE school_id = ? ORDER BY student_id',
    )
    .all(schoolId) as Saved[];

/** What scoring each student on their own gives, with the medians computed row by row. */
function eachOnItsOwn(): Saved[] {
  const db = backend.context.db;
  const live = championScorer(db, schoolId);
  if (!live) throw new Error('no champion');
  const features = readStoredFeatures(db, schoolId);
  const { cutoffs } = readRiskSettings(db, schoolId);
  if (!cutoffs) throw new Error('no cut-offs saved');
  return computeScores(live.scorer, features, cutoffs, referenceFromRows(features.values()))
    .map((s) => ({ ...s, factors: JSON.stringify(s.factors) }))
    .sort((a, b) => (a.studentId < b.studentId ? -1 : 1));
}

function expectSame(actual: Saved[], expected: Saved[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i] as Saved;
    expect(a.studentId).toBe(e.studentId);
    // toBe compares with Object.is: the same double, not merely a close one.
    expect(a.score).toBe(e.score);
    expect(a.tier).toBe(e.tier);
    expect(a.factors).toBe(e.factors);
  });
}

beforeAll(async () => {
  backend = await startBackend({ dbPath: join(dir, 'school.sqlite'), today: () => today });
  schoolId = loadDemoSchool(
    backend.context.db,
    { students: 150, years: 2, seed: 5, today },
    null,
  ).schoolId;
  const jobId = backend.context.jobs.enqueue(
    'train',
    {
      schoolId,
      trigger: 'test',
      seed: 2,
      trainOptions: { candidates: ['forest', 'boosting'], forest: { trees: 20 } },
    },
    schoolId,
  );
  await backend.jobs.runOnce();
  expect(getJob(backend.context.db, jobId)?.status).toBe('succeeded');
}, 180_000);
afterAll(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('whole-school scoring', () => {
  it('computes the medians the row-by-row way did, to the last bit', () => {
    const features = [...readStoredFeatures(backend.context.db, schoolId).values()];
    const reference = schoolReference(features);
    expect(Object.keys(reference).length).toBeGreaterThan(10);
    expect(reference).toStrictEqual(referenceFromRows(features));
  });

  it('saves every score, tier and factor that scoring each student on their own gives', () => {
    expect(scoreSchool(backend.context.db, schoolId)).toBeGreaterThan(50);
    const stored = saved();
    expect(stored.some((s) => JSON.parse(s.factors).length > 0)).toBe(true);
    expectSame(stored, eachOnItsOwn());
  });

  it('saves the same in slices, as the backend does after a sync or an import', async () => {
    // Clear the saved scores first, so that what is compared was written by this call.
    backend.context.db.prepare('DELETE FROM risk_scores WHERE school_id = ?').run(schoolId);
    expect(await scoreSchoolInSlices(backend.context.db, schoolId, 16)).toBeGreaterThan(50);
    expectSame(saved(), eachOnItsOwn());
  });

  it('ends each transaction of a save on its time budget, giving the event loop a turn between', async () => {
    const db = backend.context.db;
    const live = championScorer(db, schoolId);
    if (!live) throw new Error('no champion');
    const plan = drain(planSchoolScoring(db, schoolId, live, readRiskSettings(db, schoolId)));
    if (!plan) throw new Error('nothing to score');
    // Turns the event loop gives other work while the save runs: a request would be one.
    const turnsDuring = async (
      budgetMs: number,
      saving: Parameters<typeof savePlanInSlices>[2],
    ) => {
      let turns = 0;
      let running = true;
      const tick = () => {
        if (!running) return;
        turns++;
        setImmediate(tick);
      };
      setImmediate(tick);
      const count = await savePlanInSlices(db, schoolId, saving, budgetMs);
      running = false;
      expect(count).toBe(plan.rows.length);
      return turns;
    };
    // No budget: each student commits on their own, with a turn before the next.
    expect(await turnsDuring(0, plan)).toBeGreaterThanOrEqual(plan.rows.length);
    // An endless one: the settings, then everyone in one transaction.
    expect(await turnsDuring(Infinity, plan)).toBeLessThanOrEqual(3);
    expectSame(saved(), eachOnItsOwn());
    // Packed as the training worker hands it over: the same rows, cut out slice by slice.
    db.prepare('DELETE FROM risk_scores WHERE school_id = ?').run(schoolId);
    expect(await turnsDuring(0, packPlan(plan))).toBeGreaterThanOrEqual(plan.rows.length);
    expectSame(saved(), eachOnItsOwn());
  });
});
