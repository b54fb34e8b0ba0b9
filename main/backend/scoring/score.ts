import {
  deriveTierCutoffs,
  explainScore,
  formatFactor,
  tierOf,
  type Scorer,
  type Tier,
  type TierCutoffs,
} from '../../../models';
import { newId, type Db } from '../../../db';
import {
  inputMeta,
  inputRow,
  modelInputs,
  protectedInputs,
  protectedRow,
} from '../training/model-inputs';
import { prepared } from '../../../db';
import { readRiskSettings, writeRiskSettings } from './risk-settings';
import { championScorer } from './scorer-cache';
import { readStoredFeatures, type StoredFeatures } from './stored-features';

/** One reason behind a score, as stored with it and shown to staff. */
export interface RiskFactor {
  feature: string;
  /** Plain words, e.g. "attended 71% of the last 30 school days (school median 94%)". */
  text: string;
  direction: 'raises' | 'lowers';
  weight: number;
}

export interface StudentScore {
  studentId: string;
  score: number;
  tier: Tier;
  factors: RiskFactor[];
}

type Reference = Record<string, number | string | null>;

/** True when the model was trained with protected attributes (a school setting allowed it). */
const usesProtected = (scorer: Scorer): boolean =>
  scorer.header.preprocessor.columns.some((c) => c.name === protectedInputs[0]?.name);

/** A student's model row: the features, plus protected facts only for a model trained on them. */
export function scoringRow(
  scorer: Scorer,
  f: StoredFeatures,
): Record<string, number | string | null> {
  return usesProtected(scorer) ? { ...inputRow(f), ...protectedRow(f.facts) } : inputRow(f);
}

/** One student's score with its tier and the factors that raise it most, in plain words. */
function explained(
  scorer: Scorer,
  studentId: string,
  row: Record<string, number | string | null>,
  score: number,
  cutoffs: TierCutoffs,
  reference: Reference,
): StudentScore {
  const factors = explainScore(scorer, row, { reference, top: 3, only: 'raises' }).map(
    (factor) => ({
      feature: factor.feature,
      text: formatFactor(factor, inputMeta[factor.feature]),
      direction: factor.direction,
      weight: Number(factor.weight.toFixed(4)),
    }),
  );
  return { studentId, score, tier: tierOf(score, cutoffs), factors };
}

/** Scores and explains students with one scorer, against the school's reference values. */
export function computeScores(
  scorer: Scorer,
  features: ReadonlyMap<string, StoredFeatures>,
  cutoffs: TierCutoffs,
  reference: Reference,
): StudentScore[] {
  return [...features].map(([studentId, f]) => {
    const row = scoringRow(scorer, f);
    return explained(scorer, studentId, row, scorer.scoreRow(row), cutoffs, reference);
  });
}

/** The school's typical student: the median of each numeric input, the commonest category. */
export function schoolReference(features: Iterable<StoredFeatures>): Reference {
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

/** A score moves into the history only when it tells staff something new. */
const HISTORY_STEP = 0.005;

/** Saves the latest scores and appends to their history when the score, tier or model moved. */
export function writeScores(
  db: Db,
  schoolId: string,
  versionId: string,
  scores: readonly StudentScore[],
  at: string,
): void {
  const previous = prepared(
    db,
    'SELECT model_version_id AS model, score, tier FROM risk_scores WHERE school_id = ? AND student_id = ?',
  );
  const upsert = prepared(
    db,
    `INSERT INTO risk_scores (school_id, student_id, model_version_id, score, tier, factors, scored_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (school_id, student_id) DO UPDATE SET model_version_id = excluded.model_version_id,
       score = excluded.score, tier = excluded.tier, factors = excluded.factors, scored_at = excluded.scored_at`,
  );
  const history = prepared(
    db,
    `INSERT INTO risk_score_history (id, school_id, student_id, model_version_id, score, tier, scored_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const s of scores) {
      const before = previous.get(schoolId, s.studentId) as
        { model: string; score: number; tier: Tier } | undefined;
      upsert.run(schoolId, s.studentId, versionId, s.score, s.tier, JSON.stringify(s.factors), at);
      if (
        !before ||
        before.model !== versionId ||
        before.tier !== s.tier ||
        Math.abs(before.score - s.score) >= HISTORY_STEP
      ) {
        history.run(newId(), schoolId, s.studentId, versionId, s.score, s.tier, at);
      }
    }
  })();
}

interface SchoolScoring {
  versionId: string;
  cutoffs: TierCutoffs;
  reference: Reference;
  scores: StudentScore[];
}

/**
 * The whole-school scoring as steps: each student is scored once, the tier cut-offs are drawn
 * from the head teacher's shares over those scores, then each score is explained against the
 * school medians. Yields after every `slice` students so an async caller can let requests in.
 */
function* schoolScoring(
  db: Db,
  schoolId: string,
  slice: number,
): Generator<void, SchoolScoring | null> {
  const live = championScorer(db, schoolId);
  if (!live) return null;
  const features = [...readStoredFeatures(db, schoolId)];
  if (features.length === 0) return null;
  const shares = readRiskSettings(db, schoolId).shares;
  const reference = schoolReference(features.map(([, f]) => f));
  const rows = features.map(([, f]) => scoringRow(live.scorer, f));
  const raw = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    raw[i] = live.scorer.scoreRow(rows[i] as Reference);
    if ((i + 1) % slice === 0) yield;
  }
  const cutoffs = finiteCutoffs(deriveTierCutoffs(raw, shares));
  const scores: StudentScore[] = [];
  for (let i = 0; i < rows.length; i++) {
    const [studentId] = features[i] as [string, StoredFeatures];
    scores.push(
      explained(live.scorer, studentId, rows[i] as Reference, raw[i] as number, cutoffs, reference),
    );
    if ((i + 1) % slice === 0) yield;
  }
  return { versionId: live.versionId, cutoffs, reference, scores };
}

/** Saves a whole-school scoring: its cut-offs and medians, and the scores given. */
function saveSchoolScoring(
  db: Db,
  schoolId: string,
  plan: SchoolScoring,
  scores: StudentScore[],
  at: string,
): number {
  writeRiskSettings(db, schoolId, { cutoffs: plan.cutoffs, reference: plan.reference });
  writeScores(db, schoolId, plan.versionId, scores, at);
  return scores.length;
}

/**
 * Re-scores the whole school with its champion, in one go and in one transaction (for the CLI,
 * the demo load and writes that already hold a transaction). Returns how many students were
 * scored (0 without a champion).
 */
export function scoreSchool(db: Db, schoolId: string, now = new Date()): number {
  const steps = schoolScoring(db, schoolId, Infinity);
  let step = steps.next();
  while (!step.done) step = steps.next();
  const plan = step.value;
  if (!plan) return 0;
  return db.transaction(() =>
    saveSchoolScoring(db, schoolId, plan, plan.scores, now.toISOString()),
  )();
}

/**
 * scoreSchool for the backend's event loop: computes in slices, yielding between them so
 * requests keep being answered while a large school is scored, then saves in one transaction.
 * Students re-scored by a write in the meantime keep that newer score.
 */
export async function scoreSchoolInSlices(
  db: Db,
  schoolId: string,
  now = new Date(),
  slice = 40,
): Promise<number> {
  const started = now.toISOString();
  const steps = schoolScoring(db, schoolId, slice);
  let step = steps.next();
  while (!step.done) {
    await new Promise((resolve) => setImmediate(resolve));
    step = steps.next();
  }
  const plan = step.value;
  if (!plan) return 0;
  return db.transaction(() => {
    // The champion may have changed while this ran: then its own scoring wins.
    if (championScorer(db, schoolId)?.versionId !== plan.versionId) return 0;
    const touched = new Set(
      db
        .prepare(
          'SELECT student_id FROM risk_scores WHERE school_id = ? AND scored_at > ? AND model_version_id = ?',
        )
        .pluck()
        .all(schoolId, started, plan.versionId) as string[],
    );
    const fresh = plan.scores.filter((s) => !touched.has(s.studentId));
    return saveSchoolScoring(db, schoolId, plan, fresh, new Date().toISOString());
  })();
}

/** A share of 0 yields an infinite cut-off, which JSON cannot keep: 2 is above every score. */
function finiteCutoffs(c: TierCutoffs): TierCutoffs {
  return {
    high: Number.isFinite(c.high) ? c.high : 2,
    medium: Number.isFinite(c.medium) ? c.medium : 2,
  };
}

/**
 * Re-scores the students a write touched, in the caller's transaction, with the champion and the
 * cut-offs of the last whole-school scoring. Without a champion there is nothing to do.
 */
export function scoreStudents(
  db: Db,
  schoolId: string,
  ids: Iterable<string>,
  now = new Date(),
): number {
  const live = championScorer(db, schoolId);
  if (!live) return 0;
  const settings = readRiskSettings(db, schoolId);
  if (!settings.cutoffs) return scoreSchool(db, schoolId, now);
  const features = readStoredFeatures(db, schoolId, [...new Set(ids)]);
  writeScores(
    db,
    schoolId,
    live.versionId,
    computeScores(live.scorer, features, settings.cutoffs, settings.reference),
    now.toISOString(),
  );
  return features.size;
}
