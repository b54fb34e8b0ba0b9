import { modelKinds } from '../contract/domains/risk';
import { ModelError } from './errors';
import type { BoostingOptions } from './boosting-train';
import { defaultBoostingOptions } from './boosting-train';
import type { ForestOptions } from './forest-train';
import { defaultForestOptions } from './forest-train';
import type { CandidateKind } from './model-spec';
import type { NetOptions } from './tf-train';

/** How a training run is done. Everything has a default; all of it is recorded with the model. */
export interface TrainOptions {
  /** Seeds the split, initialisers, batch order and bootstrap: same seed, same model. Default 42. */
  seed: number;
  /**
   * Rows held out (stratified) to stop early, calibrate and choose: one split, or k-fold within
   * the training rows (every row validates once, so choices are steadier on small data). 'auto'
   * (default) is 5 folds up to 2,000 rows and a 20% split above.
   */
  validation: 'auto' | RandomPlan;
  /** Candidates in order of preference on a tie. Default all four. */
  candidates: CandidateKind[];
  /** 'balanced' weighs each class to half the loss. Default 'balanced'. */
  classWeight: 'balanced' | 'none';
  /** Fitted on the validation rows' raw scores. Default 'platt'. */
  calibration: 'platt' | 'isotonic';
  logistic: NetOptions;
  mlp: NetOptions;
  forest: ForestOptions;
  boosting: BoostingOptions;
  /** Base candidates the ensemble averages (their calibrated probabilities). */
  ensembleMembers: Exclude<CandidateKind, 'ensemble'>[];
  /** 'auto' tries the WebAssembly tfjs backend, then the CPU one. */
  backend: 'auto' | 'cpu';
  wasmPath?: string;
}

/** Options as callers give them: any part may be left out. */
/** A random split or k folds within the data. */
export type RandomPlan = { method: 'split'; fraction: number } | { method: 'cv'; folds: number };

export type ValidationPlan =
  | RandomPlan
  /** Rows the caller chose (a later period than the training rows); recorded by their count. */
  | { method: 'later'; rows: number };

export type TrainOptionsInput = Partial<
  Omit<TrainOptions, 'logistic' | 'mlp' | 'forest' | 'boosting'>
> & {
  logistic?: Partial<NetOptions>;
  mlp?: Partial<NetOptions>;
  forest?: Partial<ForestOptions>;
  boosting?: Partial<BoostingOptions>;
};

const allCandidates: CandidateKind[] = [...modelKinds];

const netDefaults = { l2: 1e-3, batchSize: 64, maxEpochs: 200, patience: 15 };

/** Fills in defaults and refuses options that cannot work, naming the option. */
export function resolveTrainOptions(input: TrainOptionsInput = {}): TrainOptions {
  const seed = input.seed ?? 42;
  const options: TrainOptions = {
    seed,
    validation: input.validation ?? 'auto',
    candidates: input.candidates ?? allCandidates,
    classWeight: input.classWeight ?? 'balanced',
    calibration: input.calibration ?? 'platt',
    logistic: { ...netDefaults, hidden: [], learningRate: 0.05, seed, ...input.logistic },
    mlp: { ...netDefaults, hidden: [16], learningRate: 0.01, seed, ...input.mlp },
    forest: { ...defaultForestOptions, seed, ...input.forest },
    boosting: { ...defaultBoostingOptions, seed, ...input.boosting },
    ensembleMembers: input.ensembleMembers ?? ['forest', 'boosting'],
    backend: input.backend ?? 'auto',
    wasmPath: input.wasmPath,
  };
  const bad = (why: string) => new ModelError('INVALID_OPTIONS', why);
  if (!Number.isInteger(options.seed))
    throw bad(`The seed must be an integer, not ${options.seed}.`);
  const v = options.validation;
  if (v !== 'auto' && v.method === 'split' && !(v.fraction > 0 && v.fraction < 1))
    throw bad(`The validation fraction must be between 0 and 1, not ${v.fraction}.`);
  if (v !== 'auto' && v.method === 'cv' && !(Number.isInteger(v.folds) && v.folds >= 2))
    throw bad(`Validation needs at least 2 folds, not ${v.folds}.`);
  if (options.candidates.length === 0) throw bad('At least one candidate model is needed.');
  for (const c of options.candidates)
    if (!allCandidates.includes(c))
      throw bad(`"${c}" is not a candidate; use ${allCandidates.join(', ')}.`);
  const has = (k: CandidateKind) => options.candidates.includes(k);
  if (
    has('ensemble') &&
    (options.ensembleMembers.length < 2 || !options.ensembleMembers.every(has))
  ) {
    throw bad(
      `The ensemble averages ${options.ensembleMembers.join(' and ')}: it needs at least two members, each a candidate too.`,
    );
  }
  for (const kind of ['logistic', 'mlp'] as const) {
    const o = options[kind];
    if (!(
      o.maxEpochs >= 1 &&
      o.batchSize >= 1 &&
      o.learningRate > 0 &&
      o.l2 >= 0 &&
      o.patience >= 1
    )) {
      throw bad(
        `The ${kind} settings need maxEpochs, batchSize and patience of at least 1, a positive learning rate and l2 of at least 0.`,
      );
    }
  }
  if (!(
    options.forest.trees >= 1 &&
    options.forest.minSamplesLeaf >= 1 &&
    options.forest.maxDepth >= 1
  )) {
    throw bad(
      'The forest needs at least 1 tree, a minimum leaf size of at least 1 and a depth of at least 1.',
    );
  }
  return options;
}

/** The validation plan for a number of rows: 'auto' picks k-fold for small data, a split for large. */
export function resolveValidation(
  plan: TrainOptions['validation'],
  rows: number,
  smallestClass: number,
): RandomPlan {
  if (plan !== 'auto') return plan;
  return rows <= 2000 && smallestClass >= 5
    ? { method: 'cv', folds: 5 }
    : { method: 'split', fraction: 0.2 };
}
