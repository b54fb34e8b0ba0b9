import type { RiskFactorView } from '../../../contract';
import {
  deriveTierCutoffs,
  explainerFor,
  tierOf,
  type Scorer,
  type Tier,
  type TierCutoffs,
} from '../../../models';
import type { Db } from '../../../db';
import { newId } from '../../../db/ids';
import { prepared } from '../../../db/prepared';
import { writeTransaction } from '../../../db/write-transaction';
import { inputRow, modelInputs, protectedInputs, protectedRow } from '../features/model-inputs';
import { buildFactors } from './factors';
import {
  readRiskSettings,
  riskSettingsText,
  writeRiskSettings,
  type RiskSettings,
} from './risk-settings';
import { championScorer } from './scorer-cache';
import { readStoredFeatures, withFacts, type StoredFeatures } from './stored-features';
import type { StudentFeatures } from '../features';

/** One reason behind a score (or a data gap), as stored with it and shown to staff. */
export type RiskFactor = RiskFactorView;

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

/**
 * Scores and explains model rows in one pass each (the explainer returns the probability with
 * the shares), against the school's reference row. Yields every `slice` rows.
 */
function* explainRows(
  scorer: Scorer,
  rows: readonly Reference[],
  reference: Reference | Float64Array,
  slice: number,
): Generator<void, { scores: Float64Array; weights: Float64Array }> {
  const width = scorer.width;
  const columns = scorer.header.preprocessor.columns.length;
  const explainer = explainerFor(scorer);
  const ref = reference instanceof Float64Array ? reference : encodedReference(scorer, reference);
  const x = new Float64Array(width);
  const scores = new Float64Array(rows.length);
  const weights = new Float64Array(rows.length * columns);
  for (let i = 0; i < rows.length; i++) {
    scorer.encode(rows[i] as Reference, x);
    scores[i] = explainer.explain(
      x,
      0,
      ref,
      weights.subarray(i * columns, (i + 1) * columns),
    ).probability;
    if ((i + 1) % slice === 0) yield;
  }
  return { scores, weights };
}

/** The school's reference row encoded for a scorer. */
function encodedReference(scorer: Scorer, reference: Reference): Float64Array {
  const ref = new Float64Array(scorer.width);
  scorer.encode(reference, ref);
  return ref;
}

/**
 * Scores and explains students with one scorer, against the school's reference values (`ref`,
 * when given, is that reference already encoded for this scorer).
 */
export function computeScores(
  scorer: Scorer,
  features: ReadonlyMap<string, StoredFeatures>,
  cutoffs: TierCutoffs,
  reference: Reference,
  ref?: Float64Array,
): StudentScore[] {
  const ids = [...features.keys()];
  const rows = [...features.values()].map((f) => scoringRow(scorer, f));
  const explained = drain(explainRows(scorer, rows, ref ?? reference, Infinity));
  return ids.map((studentId, i) =>
    studentScore(scorer, studentId, i, explained, rows, reference, cutoffs),
  );
}

/** Student `i` of explained rows: their score, the tier it falls in, and their factors. */
function studentScore(
  scorer: Scorer,
  studentId: string,
  i: number,
  { scores, weights }: { scores: Float64Array; weights: Float64Array },
  rows: readonly Reference[],
  reference: Reference,
  cutoffs: TierCutoffs,
): StudentScore {
  const columns = scorer.header.preprocessor.columns.length;
  const score = scores[i] as number;
  return {
    studentId,
    score,
    tier: tierOf(score, cutoffs),
    factors: buildFactors(
      scorer.header.preprocessor,
      weights.subarray(i * columns, (i + 1) * columns),
      rows[i] as Reference,
      reference,
    ),
  };
}

/** Runs a sliced computation to its end at once (for callers that may block). */
export function drain<T>(steps: Generator<void, T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * The school's typical student: the median of each numeric input, the commonest category (ties
 * to the category met first). Reads each input's values straight from the features, without a
 * row object per student: on a 5,000-student school building those rows cost more than
 * explaining every student.
 */
export function schoolReference(features: Iterable<StoredFeatures>): Reference {
  const list = [...features];
  const reference: Reference = {};
  const columns: {
    name: string;
    kind: 'numeric' | 'categorical';
    value: (f: StoredFeatures) => number | string | null | undefined;
  }[] = [
    ...modelInputs.map((i) => ({ name: i.name, kind: i.kind, value: i.value })),
    ...protectedInputs.map((p) => ({
      name: p.name,
      kind: 'categorical' as const,
      value: (f: StoredFeatures) => p.value(f.facts),
    })),
  ];
  for (const input of columns) {
    if (input.kind === 'numeric') {
      const nums: number[] = [];
      for (const f of list) {
        const v = input.value(f);
        if (typeof v === 'number' && Number.isFinite(v)) nums.push(v);
      }
      // A stable sort with the same comparison as ever, so ties (0 and -0) keep their order.
      nums.sort((a, b) => a - b);
      const mid = Math.floor(nums.length / 2);
      reference[input.name] =
        nums.length === 0
          ? null
          : nums.length % 2
            ? (nums[mid] ?? null)
            : ((nums[mid - 1] ?? 0) + (nums[mid] ?? 0)) / 2;
    } else {
      const counts = new Map<string, number>();
      for (const f of list) {
        const v = input.value(f);
        if (v !== null && v !== undefined)
          counts.set(v as string, (counts.get(v as string) ?? 0) + 1);
      }
      reference[input.name] = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    }
  }
  return reference;
}

/** A score moves into the history only when it tells staff something new. */
const HISTORY_STEP = 0.005;

/** One score as it is saved: its factors already as the JSON the table keeps. */
export interface ScoreRow {
  studentId: string;
  score: number;
  tier: Tier;
  factors: string;
}

const toRow = (s: StudentScore): ScoreRow => ({ ...s, factors: JSON.stringify(s.factors) });

/**
 * Saves the latest scores and appends to their history when the score, tier or model moved.
 * With `skipScoredAfter`, a student whose score was saved after that time (by a write, with
 * fresher features) is left as it is and returned, for the caller to score again.
 */
export function writeScores(
  db: Db,
  schoolId: string,
  versionId: string,
  scores: readonly (StudentScore | ScoreRow)[],
  at: string,
  skipScoredAfter?: string,
): string[] {
  const previous = prepared(
    db,
    'SELECT model_version_id AS model, score, tier, scored_at AS scoredAt FROM risk_scores WHERE school_id = ? AND student_id = ?',
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
  const skipped: string[] = [];
  const write = () => {
    for (const s of scores) {
      const before = previous.get(schoolId, s.studentId) as
        { model: string; score: number; tier: Tier; scoredAt: string } | undefined;
      if (skipScoredAfter && before && before.scoredAt > skipScoredAfter) {
        skipped.push(s.studentId);
        continue;
      }
      const factors = typeof s.factors === 'string' ? s.factors : JSON.stringify(s.factors);
      upsert.run(schoolId, s.studentId, versionId, s.score, s.tier, factors, at);
      if (
        !before ||
        before.model !== versionId ||
        before.tier !== s.tier ||
        Math.abs(before.score - s.score) >= HISTORY_STEP
      ) {
        history.run(newId(), schoolId, s.studentId, versionId, s.score, s.tier, at);
      }
    }
  };
  // Inside the caller's transaction (a write re-scoring its students) no savepoint of its own:
  // opening and releasing one costs more than saving one student's score.
  if (db.inTransaction) write();
  else writeTransaction(db, write);
  return skipped;
}

/** A whole-school scoring, computed: what to save, and from which model and medians. */
export interface ScoringPlan {
  versionId: string;
  cutoffs: TierCutoffs;
  reference: Reference;
  rows: ScoreRow[];
  /** When the features it scored were read: scores saved after this by a write are newer. */
  readAt: string;
}

/**
 * The whole-school scoring as steps: every student is scored and explained once, the tier
 * cut-offs are drawn over those scores from the head teacher's shares and floors, and each
 * student gets their tier and factors. Yields every `slice` students so an async caller can let
 * requests in. Reads only, so a training worker can run it on its own connection.
 */
export function* planSchoolScoring(
  db: Db,
  schoolId: string,
  live: { versionId: string; scorer: Scorer },
  settings: Pick<RiskSettings, 'shares' | 'floors'>,
  slice = Infinity,
): Generator<void, ScoringPlan | null> {
  const readAt = new Date().toISOString();
  const features = [...readStoredFeatures(db, schoolId)];
  if (features.length === 0) return null;
  const reference = schoolReference(features.map(([, f]) => f));
  const { scorer } = live;
  const rows = features.map(([, f]) => scoringRow(scorer, f));
  const explained = yield* explainRows(scorer, rows, reference, slice);
  const cutoffs = finiteCutoffs(
    deriveTierCutoffs(explained.scores, settings.shares, settings.floors),
  );
  const out: ScoreRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const [studentId] = features[i] as [string, StoredFeatures];
    out.push(toRow(studentScore(scorer, studentId, i, explained, rows, reference, cutoffs)));
    if ((i + 1) % slice === 0) yield;
  }
  return { versionId: live.versionId, cutoffs, reference, rows: out, readAt };
}

/**
 * Saves a scoring plan in transactions of `slice` students, yielding between them, so a large
 * school never holds the backend's event loop. The cut-offs and medians go in with the first
 * slice. Students scored by a write since the plan read their features are scored again at the
 * end, with the same model, from their fresher features. Stops (returning what it saved) if
 * another model became the champion meanwhile: that model's own scoring wins.
 */
export async function savePlanInSlices(
  db: Db,
  schoolId: string,
  plan: ScoringPlan,
  slice = 250,
): Promise<number> {
  let saved = 0;
  const fresher: string[] = [];
  for (let start = 0; start < plan.rows.length; start += slice) {
    await new Promise((resolve) => setImmediate(resolve));
    const stillLive = writeTransaction(db, () => {
      if (championScorer(db, schoolId)?.versionId !== plan.versionId) return false;
      if (start === 0)
        writeRiskSettings(db, schoolId, { cutoffs: plan.cutoffs, reference: plan.reference });
      const part = plan.rows.slice(start, start + slice);
      const skipped = writeScores(
        db,
        schoolId,
        plan.versionId,
        part,
        new Date().toISOString(),
        plan.readAt,
      );
      fresher.push(...skipped);
      saved += part.length - skipped.length;
      return true;
    });
    if (!stillLive) return saved;
  }
  if (fresher.length > 0) saved += writeTransaction(db, () => scoreStudents(db, schoolId, fresher));
  return saved;
}

/**
 * Re-scores the whole school with its champion, in one go and in one transaction (for the CLI,
 * the demo load and writes that already hold a transaction). Returns how many students were
 * scored (0 without a champion).
 */
export function scoreSchool(db: Db, schoolId: string, now = new Date()): number {
  const live = championScorer(db, schoolId);
  if (!live) return 0;
  const plan = drain(planSchoolScoring(db, schoolId, live, readRiskSettings(db, schoolId)));
  if (!plan) return 0;
  return writeTransaction(db, () => {
    writeRiskSettings(db, schoolId, { cutoffs: plan.cutoffs, reference: plan.reference });
    writeScores(db, schoolId, plan.versionId, plan.rows, now.toISOString());
    return plan.rows.length;
  });
}

/**
 * scoreSchool for the backend's event loop: computes in slices and saves in slices, yielding
 * between them so requests keep being answered while a large school is scored.
 */
export async function scoreSchoolInSlices(db: Db, schoolId: string, slice = 250): Promise<number> {
  const live = championScorer(db, schoolId);
  if (!live) return 0;
  const steps = planSchoolScoring(db, schoolId, live, readRiskSettings(db, schoolId), slice);
  let step = steps.next();
  while (!step.done) {
    await new Promise((resolve) => setImmediate(resolve));
    step = steps.next();
  }
  return step.value ? savePlanInSlices(db, schoolId, step.value, slice) : 0;
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
  return rescore(db, schoolId, now, () => readStoredFeatures(db, schoolId, [...new Set(ids)]));
}

/**
 * scoreStudents for features a write has just computed and stored (refreshStudentFeatures):
 * scores them as they are instead of reading them back. Students who are not active are left
 * out, as the feature store's reader leaves them out.
 */
export function scoreComputed(
  db: Db,
  schoolId: string,
  computed: ReadonlyMap<string, StudentFeatures>,
  now = new Date(),
): number {
  return rescore(db, schoolId, now, () => withFacts(db, schoolId, computed));
}

function rescore(
  db: Db,
  schoolId: string,
  now: Date,
  read: () => ReadonlyMap<string, StoredFeatures>,
): number {
  const live = championScorer(db, schoolId);
  if (!live) return 0;
  const settings = scoringSettings(db, schoolId, live.scorer);
  if (!settings.cutoffs) return scoreSchool(db, schoolId, now);
  const features = read();
  writeScores(
    db,
    schoolId,
    live.versionId,
    computeScores(live.scorer, features, settings.cutoffs, settings.reference, settings.ref),
    now.toISOString(),
  );
  return features.size;
}

/** The cut-offs and reference a write's re-scoring uses, with the reference encoded. */
interface ScoringSettings {
  cutoffs: TierCutoffs | null;
  reference: Reference;
  ref: Float64Array;
}

/** Per connection: the last risk settings read, by their stored text and the scorer. */
const settingsCache = new WeakMap<
  Db,
  { schoolId: string; raw: string | undefined; scorer: Scorer; settings: ScoringSettings }
>();

/**
 * The risk settings scoreStudents needs, parsed and encoded once per stored text and scorer:
 * every save re-scores its students, and parsing the school's medians and encoding them again
 * each time cost more than explaining one student. The text is still read every time, so a new
 * whole-school scoring or a settings change is seen at once.
 */
function scoringSettings(db: Db, schoolId: string, scorer: Scorer): ScoringSettings {
  const raw = riskSettingsText(db, schoolId);
  const hit = settingsCache.get(db);
  if (hit && hit.schoolId === schoolId && hit.raw === raw && hit.scorer === scorer) {
    return hit.settings;
  }
  const { cutoffs, reference } = readRiskSettings(db, schoolId);
  const settings = { cutoffs, reference, ref: encodedReference(scorer, reference) };
  settingsCache.set(db, { schoolId, raw, scorer, settings });
  return settings;
}
