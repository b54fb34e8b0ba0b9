import {
  averagePrecision,
  brierScore,
  evaluate,
  loadScorer,
  rocAuc,
  selectRows,
  trainModel,
  type EvaluationReport,
  type TierFloors,
  type TierShares,
  type TrainOptionsInput,
  type TrainProgress,
  type TrainResult,
} from '../../../models';
import { createHash } from 'node:crypto';
import type { Db } from '../../../db';
import { drain, packPlan, planSchoolScoring, type PackedScoringPlan } from '../scoring/score';
import { loadArtifact } from '../scoring/model-artifact';
import { temporalSplit } from './temporal-split';
import { buildTrainingSet } from './training-set';

export interface TrainingInput {
  schoolId: string;
  today: string;
  horizonMonths: number;
  shares: TierShares;
  floors: TierFloors;
  seed: number;
  /** Sex, ethnicity and low income as inputs (off unless the school's setting says so). */
  includeProtected?: boolean;
  /** Share of students held out to judge the candidate and the champion alike (default 0.2). */
  heldOutShare?: number;
  trainOptions?: TrainOptionsInput;
  /**
   * The current champion, to score on the same held-out rows (the worker reads its artifact,
   * so the backend's thread never hashes megabytes).
   */
  champion?: { id: string; kind: string; sha256: string; featureSchemaHash: string } | null;
}

/** The candidate judged on a later period than it trained on (see temporal-split.ts). */
export interface TemporalReport {
  rocAuc: number;
  prAuc: number;
  brier: number;
  rows: number;
  positives: number;
  /** Snapshot dates the judged model trained on, and those it was judged on. */
  trainedOn: { from: string; to: string };
  judgedOn: { from: string; to: string };
  /** Every candidate's ROC-AUC on those rows, each trained on the earlier years only. */
  candidates: { kind: string; rocAuc: number }[];
  /**
   * The champion's kind trained the same way and judged on the same rows: the champion's
   * temporal figure in this run (its own artifact learnt from those rows, so it cannot be).
   */
  championKindAuc: number | null;
}

export interface TrainingOutcome {
  train: TrainResult;
  /** The candidate on the held-out students. */
  evaluation: EvaluationReport;
  /** The champion's ROC-AUC on the same held-out rows; null without a comparable champion. */
  championAuc: number | null;
  championNote: string | null;
  /** Null when the history holds fewer than two school years with enough outcomes. */
  temporal: TemporalReport | null;
  /**
   * The whole school scored by the candidate, for the backend to save if it becomes the
   * champion (`versionId` is filled in then). Null when no student has features yet.
   */
  plan: PackedScoringPlan | null;
  examples: {
    rows: number;
    positives: number;
    students: number;
    heldOutRows: number;
    snapshots: string[];
  };
  window: { from: string | null; to: string | null };
}

/** Where a student falls in [0, 1): the same for every run, whatever the seed. */
export const heldOutFraction = (studentId: string): number =>
  createHash('sha256').update(studentId).digest().readUInt32BE(0) / 2 ** 32;

/** Held-out dropouts below this make the held-out AUC too noisy to choose a champion by. */
export const MIN_HELD_OUT_POSITIVES = 5;

/**
 * The held-out students: those whose id hashes below `share`, the same in every run. A small
 * school can draw too few dropouts that way; then the students who ever dropped out and those
 * who never did are each ranked by the same hash and the first `share` of each is taken, which
 * is still stable from run to run as long as the school's history does not change much.
 */
export function chooseHeldOut(
  studentIds: readonly string[],
  labels: ArrayLike<number>,
  share: number,
): Set<string> {
  const positive = new Map<string, boolean>();
  studentIds.forEach((id, i) => positive.set(id, (positive.get(id) ?? false) || labels[i] === 1));
  const byHash = new Set([...positive.keys()].filter((id) => heldOutFraction(id) < share));
  const drawn = [...byHash].filter((id) => positive.get(id)).length;
  if (drawn >= MIN_HELD_OUT_POSITIVES) return byHash;
  const stratified = new Set<string>();
  for (const group of [true, false]) {
    const ranked = [...positive]
      .filter(([, p]) => p === group)
      .map(([id]) => id)
      .sort((a, b) => heldOutFraction(a) - heldOutFraction(b));
    const take = Math.max(
      group ? Math.min(MIN_HELD_OUT_POSITIVES, ranked.length) : 1,
      Math.round(ranked.length * share),
    );
    for (const id of ranked.slice(0, take)) stratified.add(id);
  }
  return stratified;
}

/** Training sets above this many rows get the settings below (see runTraining). */
export const LARGE_TRAINING_SET = 10_000;

/**
 * Settings for a large school's history, each measured on the demo school (docs/model.md):
 * - forest: 30 trees with leaves of at least 50 rows. On the 5,000-student demo (23,700
 *   training examples, held-out students never seen) leaves of 50 scored a held-out AUC of 0.909
 *   against 0.902 for 150 trees with leaves of 5: deep leaves learn individual students, whose
 *   other snapshots sit beside them in a random split, so the smaller forest ranks new students
 *   better. Beyond 30 trees the forest's AUC stays flat (within 0.002 on random and temporal
 *   validation; the champion's held-out 0.895 and temporal 0.856 with 30, 40 or 100 trees) while
 *   every tree is walked for every score: 30 trees score the school in a third of the time;
 * - boosting: deeper trees with bigger leaves (depth 5, at least 20 rows a leaf) and steps of
 *   0.1: on the same rows, 45 trees matched the held-out AUC of 81 trees at 0.05 (0.914 both);
 * - the networks take batches of 256 (fewer, larger steps; their validation AUC moved by less
 *   than 0.002 on the 1,500-student demo) and stop after 5 epochs without a better validation
 *   loss rather than 15: on the demo the MLP's best epoch was the 7th, so 15 more epochs ran for
 *   nothing (the MLP was the costliest candidate to validate).
 */
export const largeSchoolOptions: {
  forest: { trees: number; minSamplesLeaf: number };
  boosting: { maxDepth: number; minSamplesLeaf: number; learningRate: number };
  logistic: { batchSize: number; patience: number };
  mlp: { batchSize: number; patience: number };
} = {
  forest: { trees: 30, minSamplesLeaf: 50 },
  boosting: { maxDepth: 5, minSamplesLeaf: 20, learningRate: 0.1 },
  logistic: { batchSize: 256, patience: 5 },
  mlp: { batchSize: 256, patience: 5 },
};

/** Fewer dropouts than this in the history cannot train a model staff should trust. */
export const MIN_POSITIVES = 10;

/**
 * One training run, from the database (read only) to a judged candidate: training examples from
 * the school's history, a held-out set of whole students (a student's snapshots never sit on
 * both sides), the candidates trained and chosen on the rest, then the winner and the champion
 * both scored on the same held-out rows.
 */
export async function runTraining(
  db: Db,
  input: TrainingInput,
  hooks: {
    onProgress?(p: TrainProgress | { stage: 'examples' | 'scoring'; rows: number }): void;
    signal?: { readonly aborted: boolean };
  } = {},
): Promise<TrainingOutcome> {
  const set = buildTrainingSet(db, input.schoolId, {
    today: input.today,
    horizonMonths: input.horizonMonths,
    includeProtected: input.includeProtected ?? false,
  });
  const { dataset } = set;
  hooks.onProgress?.({ stage: 'examples', rows: dataset.rows });
  let positives = 0;
  for (const y of dataset.labels) positives += y;
  if (positives < MIN_POSITIVES || dataset.rows - positives < MIN_POSITIVES) {
    throw new Error(
      `Not enough history to train: ${dataset.rows} examples with ${positives} dropouts ` +
        `(at least ${MIN_POSITIVES} dropouts and ${MIN_POSITIVES} students who stayed are needed, ` +
        `with ${input.horizonMonths} months of known outcome after each snapshot).`,
    );
  }
  // Hold out whole students, chosen by a hash of their id rather than by the run's seed: the
  // same students are held out in every run, so the champion never trained on the rows it is
  // judged on beside the candidate.
  const share = input.heldOutShare ?? 0.2;
  const heldOut = chooseHeldOut(set.studentIds, dataset.labels, share);
  const trainRows: number[] = [];
  const testRows: number[] = [];
  set.studentIds.forEach((id, i) => (heldOut.has(id) ? testRows : trainRows).push(i));
  let heldOutPositives = 0;
  for (const i of testRows) heldOutPositives += dataset.labels[i] as number;
  if (heldOutPositives < 2 || testRows.length - heldOutPositives < 2) {
    throw new Error(
      `Too few dropouts among the held-out students (${heldOutPositives} of ${testRows.length} examples) ` +
        'to judge a model; more history is needed.',
    );
  }
  const trainSet = selectRows(dataset, trainRows);
  const testSet = selectRows(dataset, testRows);
  // Where the history allows, candidates are chosen on the last school year after training on
  // the earlier ones, and judged on the held-out students' rows of that year.
  const split = temporalSplit(
    set.snapshotDates,
    dataset.labels,
    trainRows,
    testRows,
    set.yearStartMonth,
  );
  const position = new Map(trainRows.map((row, k) => [row, k]));
  const judgeSet = split ? selectRows(dataset, split.judgeRows) : null;

  const large: Partial<typeof largeSchoolOptions> =
    trainSet.rows > LARGE_TRAINING_SET ? largeSchoolOptions : {};
  const train = await trainModel(
    trainSet,
    {
      seed: input.seed,
      ...input.trainOptions,
      forest: { ...large.forest, ...input.trainOptions?.forest },
      boosting: { ...large.boosting, ...input.trainOptions?.boosting },
      logistic: { ...large.logistic, ...input.trainOptions?.logistic },
      mlp: { ...large.mlp, ...input.trainOptions?.mlp },
    },
    hooks,
    split && judgeSet
      ? {
          validRows: Int32Array.from(split.validRows, (row) => position.get(row) as number),
          judge: judgeSet,
        }
      : undefined,
  );
  const scorer = loadScorer(train.artifact, train.sha256);
  const probabilities = scorer.scoreDataset(testSet);
  const pick = (values: (string | null)[]) => testRows.map((i) => values[i] ?? null);
  const evaluation = evaluate(testSet.labels, probabilities, {
    shares: input.shares,
    floors: input.floors,
    groups: { sex: pick(set.groups.sex), ageBand: pick(set.groups.ageBand) },
    minClassCount: 5,
  });

  let championAuc: number | null = null;
  let championNote: string | null = null;
  if (input.champion) {
    if (input.champion.featureSchemaHash !== train.featureSchemaHash) {
      championNote = 'the champion uses other inputs, so it cannot be scored on the same rows';
    } else {
      const champion = loadScorer(loadArtifact(db, input.champion.id), input.champion.sha256);
      championAuc = rocAuc(testSet.labels, champion.scoreDataset(testSet));
    }
  }
  const temporal =
    split && judgeSet && train.judged
      ? temporalReport(judgeSet.labels, train.judged, train.kind, split, input.champion?.kind)
      : null;
  // The judged probabilities have served; the backend needs none of them.
  train.judged = null;
  hooks.onProgress?.({ stage: 'scoring', rows: 0 });
  const plan = drain(planSchoolScoring(db, input.schoolId, { versionId: '', scorer }, input));
  return {
    train,
    evaluation,
    championAuc,
    championNote,
    temporal,
    plan: plan && packPlan(plan),
    examples: {
      rows: dataset.rows,
      positives,
      students: new Set(set.studentIds).size,
      heldOutRows: testRows.length,
      snapshots: set.snapshots,
    },
    window: set.window,
  };
}

function temporalReport(
  labels: Uint8Array,
  judged: Partial<Record<string, Float64Array>>,
  winner: string,
  split: NonNullable<ReturnType<typeof temporalSplit>>,
  championKind: string | undefined,
): TemporalReport {
  const p = judged[winner] as Float64Array;
  const auc = (kind: string | undefined) => {
    const q = kind === undefined ? undefined : judged[kind];
    return q ? rocAuc(labels, q) : null;
  };
  let positives = 0;
  for (const y of labels) positives += y;
  return {
    rocAuc: rocAuc(labels, p),
    prAuc: averagePrecision(labels, p),
    brier: brierScore(labels, p),
    rows: labels.length,
    positives,
    trainedOn: split.trainedOn,
    judgedOn: split.judgedOn,
    candidates: Object.keys(judged).map((kind) => ({ kind, rocAuc: auc(kind) as number })),
    championKindAuc: auc(championKind),
  };
}
