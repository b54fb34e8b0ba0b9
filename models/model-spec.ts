import type { ModelKind } from '../contract/domains/risk';
import type { Calibration } from './calibration';
import type { Preprocessor } from './preprocess';
import type { TreeArrays } from './tree-arrays';

/** The candidate kinds a training run can choose between: the contract's model kinds. */
export type CandidateKind = ModelKind;

/**
 * A trained random forest: each node's `value` is its weighted share of positives; the raw score
 * is the mean leaf share over the trees. A binary segment in the artifact (tree-arrays.ts).
 */
export interface ForestSpec {
  kind: 'forest';
  trees: TreeArrays;
}

/**
 * Gradient-boosted trees in the same layout; the raw score (a logit) is `base` plus the sum of
 * the leaf values reached in every tree.
 */
export interface BoostingSpec {
  kind: 'boosting';
  base: number;
  trees: TreeArrays;
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
  /** 2 stores trees as binary segments; 1 (still read) kept them as JSON in the header. */
  formatVersion: 1 | 2;
  kind: CandidateKind;
  preprocessor: Preprocessor;
  featureSchemaHash: string;
}

/** True when a kind's raw score is a logit (dense nets) rather than a vote share. */
export function rawIsLogit(kind: ModelSpec['kind']): boolean {
  return kind === 'logistic' || kind === 'mlp' || kind === 'boosting';
}
