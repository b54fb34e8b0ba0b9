import type { RiskFactorView } from '../../../contract';
import {
  deriveTierCutoffs,
  explainerFor,
  tierOf,
  type Scorer,
  type Tier,
  type TierCutoffs,
} from '../../../models';
import { noteChanged, type Db } from '../../../db';
import { newId } from '../../../db/ids';
import { prepared } from '../../../db/prepared';
import { writeTransaction } from '../../../db/write-transaction';
import { modelInputs, protectedInputs } from '../features/model-inputs';
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

type Reader = (f: StoredFeatures) => number | string | null;

/** Each model input, and each protected fact, read from a student's stored features. */
const inputReaders: ReadonlyMap<string, Reader> = new Map(
  modelInputs.map((i) => [i.name, i.value]),
);
const protectedReaders: ReadonlyMap<string, Reader> = new Map(
  protectedInputs.map((p) => [p.name, (f: StoredFeatures) => p.value(f.facts)]),
);

/** Per scorer: its input columns, each with how a student's value is read. */
const scorerReaders = new WeakMap<Scorer, readonly { name: string; read: Reader | undefined }[]>();

/**
 * A student's model row for a scorer: the features, plus protected facts only for a model
 * trained on them (a column the features do not have reads as undefined). The row is one object
 * per call of this function, filled again for each student: every save re-scores its class, and
 * a new row per student (built with Object.fromEntries) was a tenth of a save's garbage. Read a
 * row's values before asking for the next student's.
 */
function rowReader(scorer: Scorer): (f: StoredFeatures) => Reference {
  let readers = scorerReaders.get(scorer);
  if (!readers) {
    const withProtected = usesProtected(scorer);
    readers = scorer.header.preprocessor.columns.map(({ name }) => ({
      name,
      read: inputReaders.get(name) ?? (withProtected ? protectedReaders.get(name) : undefined),
    }));
    scorerReaders.set(scorer, readers);
  }
  const columns = readers;
  const row: Record<string, number | string | null | undefined> = {};
  return (f) => {
    for (const { name, read } of columns) row[name] = read?.(f);
    return row as Reference;
  };
}

/**
 * Scores and explains students in one pass each (the explainer returns the probability with
 * the shares), against the school's encoded reference row. Yields every `slice` students.
 */
function* explainStudents(
  scorer: Scorer,
  features: readonly StoredFeatures[],
  ref: Float64Array,
  slice: number,
): Generator<void, { scores: Float64Array; weights: Float64Array }> {
  const columns = scorer.header.preprocessor.columns.length;
  const explainer = explainerFor(scorer);
  const rowOf = rowReader(scorer);
  const x = new Float64Array(scorer.width);
  const scores = new Float64Array(features.length);
  const weights = new Float64Array(features.length * columns);
  for (let i = 0; i < features.length; i++) {
    scorer.encode(rowOf(features[i] as StoredFeatures), x);
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
 * when given, is that reference already encoded for this scorer). Each student is encoded,
 * explained and put into words in turn, through one row and one array of shares: what a save
 * re-scores allocates only the scores and factors it returns.
 */
export function computeScores(
  scorer: Scorer,
  features: ReadonlyMap<string, StoredFeatures>,
  cutoffs: TierCutoffs,
  reference: Reference,
  ref?: Float64Array,
): StudentScore[] {
  const prep = scorer.header.preprocessor;
  const explainer = explainerFor(scorer);
  const rowOf = rowReader(scorer);
  const encodedRef = ref ?? encodedReference(scorer, reference);
  const x = new Float64Array(scorer.width);
  const weights = new Float64Array(prep.columns.length);
  const out: StudentScore[] = [];
  features.forEach((f, studentId) => {
    const row = rowOf(f);
    scorer.encode(row, x);
    const score = explainer.explain(x, 0, encodedRef, weights).probability;
    out.push({
      studentId,
      score,
      tier: tierOf(score, cutoffs),
      factors: buildFactors(prep, weights, row, reference),
    });
  });
  return out;
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

/**
 * A score moves into the history only when it tells staff something new: another tier or model,
 * or another whole percentage (what every screen shows), so the history's last row always reads
 * as the score beside it. (A half-point step let 8.4% follow 8.6% unrecorded: 9% in the history
 * under a score of 8%.)
 */
const shownPercent = (score: number) => Math.round(score * 100);

/** One score as it is saved: its factors already as the JSON the table keeps. */
export interface ScoreRow {
  studentId: string;
  score: number;
  tier: Tier;
  factors: string;
}

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
  const save = scoreSaver(db, schoolId, versionId, at, skipScoredAfter);
  const skipped: string[] = [];
  const write = () => {
    for (const s of scores) if (!save(s)) skipped.push(s.studentId);
  };
  // Inside the caller's transaction (a write re-scoring its students) no savepoint of its own:
  // opening and releasing one costs more than saving one student's score.
  if (db.inTransaction) write();
  else writeTransaction(db, write);
  return skipped;
}

/**
 * Saves one student's score (and a history row when it moved) in the caller's transaction;
 * answers false, saving nothing, for a student whose score was saved after `skipScoredAfter`.
 */
function scoreSaver(
  db: Db,
  schoolId: string,
  versionId: string,
  at: string,
  skipScoredAfter?: string,
): (s: StudentScore | ScoreRow) => boolean {
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
  let noted = false;
  return (s) => {
    // What the risk screens read changed: said once per saver, for the `dataChanged` event.
    if (!noted) {
      noteChanged(db, 'risk');
      noted = true;
    }
    const before = previous.get(schoolId, s.studentId) as
      { model: string; score: number; tier: Tier; scoredAt: string } | undefined;
    if (skipScoredAfter && before && before.scoredAt > skipScoredAfter) return false;
    const factors = typeof s.factors === 'string' ? s.factors : JSON.stringify(s.factors);
    upsert.run(schoolId, s.studentId, versionId, s.score, s.tier, factors, at);
    if (
      !before ||
      before.model !== versionId ||
      before.tier !== s.tier ||
      shownPercent(before.score) !== shownPercent(s.score)
    ) {
      history.run(newId(), schoolId, s.studentId, versionId, s.score, s.tier, at);
    }
    return true;
  };
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
 * A scoring plan handed from the training worker to the backend: its rows as a few large values
 * (ids, tiers and the factors' JSON each joined by newlines, which JSON never holds raw; scores
 * in one array) instead of thousands of small objects. Deserialized on the backend's thread, the
 * small objects all landed in V8's young generation and survived until saved, so the next
 * scavenge copied them: a 39.5 ms pause for the demo's 4,084 rows. Large strings live in
 * large-object space and are never copied; each slice cuts its rows out as it saves them.
 */
export interface PackedScoringPlan extends Omit<ScoringPlan, 'rows'> {
  ids: string;
  scores: Float64Array;
  tiers: string;
  factors: string;
}

/** Packs a plan's rows for the hand-over (see PackedScoringPlan). */
export function packPlan({ rows, ...plan }: ScoringPlan): PackedScoringPlan {
  return {
    ...plan,
    ids: rows.map((r) => r.studentId).join('\n'),
    scores: Float64Array.from(rows, (r) => r.score),
    tiers: rows.map((r) => r.tier).join('\n'),
    factors: rows.map((r) => r.factors).join('\n'),
  };
}

/** A plan's rows one at a time, cut from a packed plan's strings as they are asked for. */
function* planRows(plan: ScoringPlan | PackedScoringPlan): Generator<ScoreRow, void, undefined> {
  if ('rows' in plan) {
    yield* plan.rows;
    return;
  }
  const cursors = { ids: 0, tiers: 0, factors: 0 };
  const cut = (key: 'ids' | 'tiers' | 'factors'): string => {
    const text = plan[key];
    const from = cursors[key];
    const end = text.indexOf('\n', from);
    const to = end === -1 ? text.length : end;
    cursors[key] = to + 1;
    return text.slice(from, to);
  };
  for (let i = 0; i < plan.scores.length; i++) {
    yield {
      studentId: cut('ids'),
      score: plan.scores[i] as number,
      tier: cut('tiers') as Tier,
      factors: cut('factors'),
    };
  }
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
  const values = features.map(([, f]) => f);
  const reference = schoolReference(values);
  const { scorer } = live;
  const { scores, weights } = yield* explainStudents(
    scorer,
    values,
    encodedReference(scorer, reference),
    slice,
  );
  const cutoffs = finiteCutoffs(deriveTierCutoffs(scores, settings.shares, settings.floors));
  const prep = scorer.header.preprocessor;
  const columns = prep.columns.length;
  const rowOf = rowReader(scorer);
  const out: ScoreRow[] = [];
  for (let i = 0; i < features.length; i++) {
    const [studentId, f] = features[i] as [string, StoredFeatures];
    const score = scores[i] as number;
    const factors = buildFactors(
      prep,
      weights.subarray(i * columns, (i + 1) * columns),
      rowOf(f),
      reference,
    );
    out.push({ studentId, score, tier: tierOf(score, cutoffs), factors: JSON.stringify(factors) });
    if ((i + 1) % slice === 0) yield;
  }
  return { versionId: live.versionId, cutoffs, reference, rows: out, readAt };
}

/**
 * How long one transaction of a whole-school save may write before it commits and gives the
 * event loop a turn. A fixed count of students per transaction held the thread for whatever
 * those students cost on a busy machine (25 a slice still stalled it 45 ms under load): a time
 * budget ends the transaction when its share of the thread is spent, however slow the rows are.
 * The commit then writes those rows' pages, a few milliseconds more.
 */
export const SAVE_BUDGET_MS = 6;

/**
 * Saves a scoring plan in transactions of at most `budgetMs` of writing each (at least one
 * student), yielding between them, so a large school never holds the backend's event loop. The
 * cut-offs and medians go in with the first transaction. Students scored by a write since the
 * plan read their features are scored again at the end, with the same model, from their fresher
 * features. Stops (returning what it saved) if another model became the champion meanwhile:
 * that model's own scoring wins.
 */
export async function savePlanInSlices(
  db: Db,
  schoolId: string,
  plan: ScoringPlan | PackedScoringPlan,
  budgetMs = SAVE_BUDGET_MS,
): Promise<number> {
  let saved = 0;
  const fresher: string[] = [];
  const rows = planRows(plan);
  let next = rows.next();
  // The settings go in a transaction of their own: with the first students they made the
  // first transaction the longest.
  const settingsSaved = () => {
    writeRiskSettings(db, schoolId, { cutoffs: plan.cutoffs, reference: plan.reference });
    return true;
  };
  const slice = () => {
    const began = performance.now();
    const save = scoreSaver(db, schoolId, plan.versionId, new Date().toISOString(), plan.readAt);
    do {
      const row = next.value as ScoreRow;
      if (save(row)) saved++;
      else fresher.push(row.studentId);
      next = rows.next();
    } while (!next.done && performance.now() - began < budgetMs);
    return true;
  };
  for (let first = true; first || !next.done; first = false) {
    await new Promise((resolve) => setImmediate(resolve));
    const stillLive = writeTransaction(
      db,
      () =>
        championScorer(db, schoolId)?.versionId === plan.versionId &&
        (first ? settingsSaved() : slice()),
    );
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
export async function scoreSchoolInSlices(
  db: Db,
  schoolId: string,
  slice = 250,
  budgetMs = SAVE_BUDGET_MS,
): Promise<number> {
  const live = championScorer(db, schoolId);
  if (!live) return 0;
  const steps = planSchoolScoring(db, schoolId, live, readRiskSettings(db, schoolId), slice);
  let step = steps.next();
  while (!step.done) {
    await new Promise((resolve) => setImmediate(resolve));
    step = steps.next();
  }
  return step.value ? savePlanInSlices(db, schoolId, step.value, budgetMs) : 0;
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
