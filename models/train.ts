import { encodeArtifact, sha256Hex } from './artifact';
import type { Calibration } from './calibration';
import { calibrate } from './calibration';
import type { BaseKind, Encoded, FitContext, FittedModel } from './candidates';
import { fitBase, fitCalibration, joinEnsemble, rawScores } from './candidates';
import type { Dataset } from './dataset';
import { selectRows } from './dataset';
import { cancelledError, ModelError } from './errors';
import type { EvaluationReport } from './evaluate';
import { evaluate } from './evaluate';
import type { ColumnSpec } from './feature-schema';
import { featureSchema, featureSchemaHash } from './feature-schema';
import { averagePrecision, brierScore, rocAuc } from './metrics';
import type { CandidateKind, ModelHeader } from './model-spec';
import { rawIsLogit } from './model-spec';
import type { Preprocessor } from './preprocess';
import { encodeDataset, fitPreprocessor } from './preprocess';
import { createRng } from './rng';
import { stratifiedFolds, stratifiedSplit } from './split';
import type { TfBackend } from './tf-runtime';
import { initTf } from './tf-runtime';
import type { RandomPlan, TrainOptions, TrainOptionsInput, ValidationPlan } from './train-options';
import { resolveTrainOptions, resolveValidation } from './train-options';

/** A progress event: the stage and, while a candidate trains, its epoch (trees for a forest) and loss. */
export interface TrainProgress {
  stage: 'prepare' | 'validate' | 'select' | 'final' | 'package';
  candidate?: CandidateKind;
  /** Which validation fold is training (0-based), in the 'validate' stage. */
  fold?: number;
  epoch?: number;
  loss?: number;
  validationLoss?: number | null;
}

/** How one candidate did on the validation rows (probabilities after its calibration). */
export interface CandidateReport {
  kind: CandidateKind;
  validationAuc: number;
  validationPrAuc: number;
  validationBrier: number;
  /** Epochs (networks) or trees (forest) the final fit uses; members for the ensemble. */
  size: number;
  fitSeconds: number;
}

/** A trained model ready for the registry: its artifact and everything to record about it. */
export interface TrainResult {
  artifact: Uint8Array;
  sha256: string;
  kind: CandidateKind;
  /** Why this candidate won, in words for the version history. */
  reason: string;
  candidates: CandidateReport[];
  featureSchema: ColumnSpec[];
  featureSchemaHash: string;
  /** The winner on the validation rows, by every metric of evaluate(). */
  validation: EvaluationReport;
  /**
   * With `GivenValidation.judge`: every candidate's calibrated probabilities on those rows,
   * from its validation model (fitted without the validation rows).
   */
  judged: Partial<Record<CandidateKind, Float64Array>> | null;
  validationPlan: ValidationPlan;
  rows: { total: number; positives: number; validated: number };
  backend: TfBackend;
  options: TrainOptions;
  fitSeconds: number;
}

export interface TrainHooks {
  onProgress?(progress: TrainProgress): void;
  /** Checked between epochs (and every 25 trees): when aborted, training rejects as cancelled. */
  signal?: { readonly aborted: boolean };
}

/**
 * Validation rows chosen by the caller instead of a random split: typically the rows of a later
 * period than the rest, so candidates are chosen and calibrated on how they do on the future.
 * Each candidate's validation model (fitted on the other rows only) also scores `judge`, rows
 * neither it nor the choice saw, for an unbiased figure of every candidate on that period.
 */
export interface GivenValidation {
  validRows: Int32Array;
  judge?: Dataset;
}

/**
 * Trains a model the way issue 4 asks: every candidate is fitted on training rows and scored on
 * held-out validation rows (one split, or k folds within the data), each is calibrated on its
 * validation scores, the best validation ROC-AUC wins (the earlier candidate on a tie), and the
 * winner is fitted once more on all rows with the settings validation chose (epochs for
 * networks) and packed into a checksummed artifact. Deterministic for a seed and tfjs backend.
 */
export async function trainModel(
  dataset: Dataset,
  input: TrainOptionsInput = {},
  hooks: TrainHooks = {},
  given?: GivenValidation,
): Promise<TrainResult> {
  const started = performance.now();
  const options = resolveTrainOptions(input);
  const report = (p: TrainProgress) => hooks.onProgress?.(p);
  report({ stage: 'prepare' });
  if (dataset.columns.length === 0)
    throw new ModelError('INVALID_DATA', 'The training data has no input columns.');
  const positives = count(dataset.labels);
  const smallest = Math.min(positives, dataset.rows - positives);
  if (smallest < 2) {
    throw new ModelError(
      'INVALID_DATA',
      `Training needs at least 2 rows of each outcome; there are ${positives} positive and ${dataset.rows - positives} negative.`,
    );
  }
  const backend = await initTf({ backend: options.backend, wasmPath: options.wasmPath });
  const random = resolveValidation(options.validation, dataset.rows, smallest);
  const plan: ValidationPlan = given ? { method: 'later', rows: given.validRows.length } : random;
  const folds = given
    ? [{ train: complement(given.validRows, dataset.rows), valid: given.validRows }]
    : validationFolds(dataset.labels, random, options.seed);
  const judgeRaw = new Map<BaseKind, Float64Array>();

  const bases = options.candidates.filter((k): k is BaseKind => k !== 'ensemble');
  const validated = folds.flatMap((f) => Array.from(f.valid));
  const labels = Uint8Array.from(validated, (i) => dataset.labels[i] as number);
  const raw = new Map(bases.map((k) => [k, new Float64Array(validated.length)]));
  const sizes = new Map(bases.map((k) => [k, [] as number[]]));
  const seconds = new Map<CandidateKind, number>(bases.map((k) => [k, 0]));
  let at = 0;
  for (const [foldIndex, fold] of folds.entries()) {
    const ctx = fitContext(options, hooks, (p) =>
      report({ ...p, stage: 'validate', fold: foldIndex }),
    );
    const trainRows = selectRows(dataset, fold.train);
    const prep = fitPreprocessor(trainRows);
    const train = encode(prep, trainRows, options);
    const valid = encode(prep, selectRows(dataset, fold.valid), options);
    // Early stopping watches rows of its own: were it to watch the validation rows too, the
    // candidates that stop early would be scored on rows that chose their size, and win unfairly.
    const stop = stratifiedSplit(trainRows.labels, 0.15, createRng(options.seed + foldIndex));
    const fitPart = encode(prep, selectRows(trainRows, stop.train), options);
    const stopPart = encode(prep, selectRows(trainRows, stop.validation), options);
    for (const kind of bases) {
      const t0 = performance.now();
      const fitted =
        kind === 'forest'
          ? await fitBase(kind, train, null, ctx)
          : await fitBase(kind, fitPart, stopPart, ctx);
      raw.get(kind)!.set(rawScores(fitted, valid), at);
      if (given?.judge) judgeRaw.set(kind, rawScores(fitted, encode(prep, given.judge, options)));
      sizes.get(kind)!.push(fitted.size);
      seconds.set(kind, seconds.get(kind)! + (performance.now() - t0) / 1000);
    }
    at += fold.valid.length;
  }

  report({ stage: 'select' });
  const calibrations = new Map<BaseKind, Calibration>();
  const probabilities = new Map<CandidateKind, Float64Array>();
  for (const kind of bases) {
    const cal = fitCalibration(raw.get(kind)!, labels, options.calibration);
    calibrations.set(kind, cal);
    probabilities.set(
      kind,
      raw.get(kind)!.map((r) => calibrate(cal, r, rawIsLogit(kind))),
    );
  }
  let ensembleCalibration: Calibration | null = null;
  const members = options.ensembleMembers;
  if (options.candidates.includes('ensemble')) {
    const mean = new Float64Array(labels.length);
    for (const m of members)
      probabilities.get(m)!.forEach((p, i) => (mean[i]! += p / members.length));
    const cal = fitCalibration(mean, labels, options.calibration);
    ensembleCalibration = cal;
    probabilities.set(
      'ensemble',
      mean.map((r) => calibrate(cal, r, false)),
    );
    seconds.set(
      'ensemble',
      members.reduce((s, m) => s + seconds.get(m)!, 0),
    );
  }
  const judged = given?.judge
    ? judgedProbabilities(judgeRaw, calibrations, ensembleCalibration, members)
    : null;
  const sizeOf = (kind: CandidateKind) =>
    kind === 'ensemble' ? members.length : median(sizes.get(kind)!);
  const candidates: CandidateReport[] = options.candidates.map((kind) => {
    const p = probabilities.get(kind)!;
    return {
      kind,
      validationAuc: rocAuc(labels, p),
      validationPrAuc: averagePrecision(labels, p),
      validationBrier: brierScore(labels, p),
      size: sizeOf(kind),
      fitSeconds: seconds.get(kind)!,
    };
  });
  // Sort is stable, so on a tie the candidate listed first (the simpler one) wins.
  const ranked = [...candidates].sort((a, b) => b.validationAuc - a.validationAuc);
  const winner = ranked[0]!;
  const next = ranked[1];
  const reason = next
    ? `${winner.kind} had the highest validation ROC-AUC (${winner.validationAuc.toFixed(3)}; next ${next.kind} ${next.validationAuc.toFixed(3)})`
    : `${winner.kind} was the only candidate (validation ROC-AUC ${winner.validationAuc.toFixed(3)})`;

  report({ stage: 'final', candidate: winner.kind });
  const prep = fitPreprocessor(dataset);
  const all = encode(prep, dataset, options);
  const ctx = fitContext(options, hooks, (p) => report({ ...p, stage: 'final' }));
  const finalFit = async (kind: BaseKind): Promise<FittedModel> =>
    fitBase(kind, all, null, ctx, kind === 'forest' ? undefined : sizeOf(kind));
  let final: FittedModel;
  let calibration: Calibration;
  if (winner.kind === 'ensemble') {
    const fittedMembers = [];
    for (const m of members)
      fittedMembers.push({ fitted: await finalFit(m), calibration: calibrations.get(m)! });
    final = joinEnsemble(fittedMembers);
    calibration = ensembleCalibration!;
  } else {
    final = await finalFit(winner.kind);
    calibration = calibrations.get(winner.kind)!;
  }

  report({ stage: 'package' });
  const schema = featureSchema(dataset);
  const header: ModelHeader = {
    format: 'beacon-model',
    formatVersion: 2,
    kind: winner.kind,
    preprocessor: prep,
    featureSchemaHash: featureSchemaHash(schema),
    model: final.model,
    calibration,
  };
  const artifact = encodeArtifact(header, final.segments);
  return {
    artifact,
    sha256: sha256Hex(artifact),
    kind: winner.kind,
    reason,
    candidates,
    featureSchema: schema,
    featureSchemaHash: header.featureSchemaHash,
    validation: evaluate(labels, probabilities.get(winner.kind)!),
    judged,
    validationPlan: plan,
    rows: { total: dataset.rows, positives, validated: validated.length },
    backend,
    options,
    fitSeconds: (performance.now() - started) / 1000,
  };
}

function fitContext(
  options: TrainOptions,
  hooks: TrainHooks,
  report: (p: TrainProgress) => void,
): FitContext {
  return {
    options,
    async checkpoint(update) {
      // Yield so a worker can receive 'cancel' (and a parent's timers run) between epochs.
      await new Promise((resolve) => setImmediate(resolve));
      if (hooks.signal?.aborted) throw cancelledError();
      report({ stage: 'validate', ...update });
    },
  };
}

/** Training and validation rows for each fold of the plan (a split is one fold). */
function validationFolds(
  labels: Uint8Array,
  plan: RandomPlan,
  seed: number,
): { train: Int32Array; valid: Int32Array }[] {
  if (plan.method === 'split') {
    const s = stratifiedSplit(labels, plan.fraction, createRng(seed));
    return [{ train: s.train, valid: s.validation }];
  }
  const fold = stratifiedFolds(labels, plan.folds, seed);
  return Array.from({ length: plan.folds }, (_, k) => {
    const train: number[] = [];
    const valid: number[] = [];
    fold.forEach((f, i) => (f === k ? valid : train).push(i));
    return { train: Int32Array.from(train), valid: Int32Array.from(valid) };
  });
}

/** Calibrated probabilities of each candidate's validation model on the judge rows. */
function judgedProbabilities(
  raw: Map<BaseKind, Float64Array>,
  calibrations: Map<BaseKind, Calibration>,
  ensembleCalibration: Calibration | null,
  members: BaseKind[],
): Partial<Record<CandidateKind, Float64Array>> {
  const out: Partial<Record<CandidateKind, Float64Array>> = {};
  for (const [kind, r] of raw) {
    const cal = calibrations.get(kind)!;
    out[kind] = r.map((v) => calibrate(cal, v, rawIsLogit(kind)));
  }
  if (ensembleCalibration && members.every((m) => out[m])) {
    const n = out[members[0]!]!.length;
    const mean = new Float64Array(n);
    for (const m of members) out[m]!.forEach((p, i) => (mean[i]! += p / members.length));
    out.ensemble = mean.map((v) => calibrate(ensembleCalibration, v, false));
  }
  return out;
}

/** The row indices below `rows` that are not in `taken`. */
function complement(taken: Int32Array, rows: number): Int32Array {
  const used = new Uint8Array(rows);
  for (const i of taken) used[i] = 1;
  const out: number[] = [];
  for (let i = 0; i < rows; i++) if (!used[i]) out.push(i);
  return Int32Array.from(out);
}

function encode(prep: Preprocessor, data: Dataset, options: TrainOptions): Encoded {
  const positives = count(data.labels);
  const negatives = data.rows - positives;
  // Balanced weights make each class half of the loss, as scikit-learn's class_weight='balanced'.
  const wPos = options.classWeight === 'balanced' ? data.rows / (2 * positives) : 1;
  const wNeg = options.classWeight === 'balanced' ? data.rows / (2 * negatives) : 1;
  return {
    x: encodeDataset(prep, data),
    y: data.labels,
    weights: Float64Array.from(data.labels, (y) => (y === 1 ? wPos : wNeg)),
    width: prep.width,
  };
}

function count(labels: Uint8Array): number {
  let n = 0;
  for (const y of labels) n += y;
  return n;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? 1;
}
