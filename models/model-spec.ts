import type { Calibration } from './calibration';
import type { Preprocessor } from './preprocess';

/** The candidate kinds a training run can choose between. */
export type CandidateKind = 'logistic' | 'mlp' | 'forest' | 'boosting' | 'ensemble';

/**
 * A trained random forest as flat arrays in pre-order: node i's left child is i + 1, its right
 * child is `right[i]`; a leaf has feature -1 and `value` = its weighted share of positives.
 * Tree t starts at `roots[t]`. Plain JSON in the artifact.
 */
export interface ForestSpec {
  kind: 'forest';
  roots: number[];
  feature: number[];
  threshold: number[];
  right: number[];
  value: number[];
}

/**
 * Gradient-boosted trees in the same flat pre-order layout as a forest; the raw score (a logit)
 * is `base` plus the sum of the leaf values reached in every tree.
 */
export interface BoostingSpec {
  kind: 'boosting';
  base: number;
  roots: number[];
  feature: number[];
  threshold: number[];
  right: number[];
  value: number[];
}

/**
 * A dense network saved by tfjs through our own IOHandler: the bytes are an artifact segment
 * holding tfjs' topology JSON, weight specs and float32 weights. Its raw score is the logit.
 */
export interface DenseSpec {
  kind: 'logistic' | 'mlp';
  segment: number;
}

/** The mean of its members' calibrated probabilities. */
export interface EnsembleSpec {
  kind: 'ensemble';
  members: CalibratedSpec[];
}

export type ModelSpec = ForestSpec | BoostingSpec | DenseSpec | EnsembleSpec;

/** A model with the calibration fitted for its raw score. */
export interface CalibratedSpec {
  model: ModelSpec;
  calibration: Calibration;
}

/** Everything a trained model needs at scoring time, apart from the binary segments. */
export interface ModelHeader extends CalibratedSpec {
  format: 'beacon-model';
  formatVersion: 1;
  kind: CandidateKind;
  preprocessor: Preprocessor;
  featureSchemaHash: string;
}

/** True when a kind's raw score is a logit (dense nets) rather than a vote share. */
export function rawIsLogit(kind: ModelSpec['kind']): boolean {
  return kind === 'logistic' || kind === 'mlp' || kind === 'boosting';
}
