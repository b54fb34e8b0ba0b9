import type { FairnessReport } from './fairness';
import { fairnessByGroup } from './fairness';
import type { CalibrationBin, CutoffMetrics } from './metrics';
import { averagePrecision, brierScore, calibrationTable, rocAuc } from './metrics';
import type { TierBand, TierCutoffs, TierFloors, TierShares } from './tiers';
import { defaultTierShares, deriveTierCutoffs, tierMetrics } from './tiers';

/** What staff and auditors see about a model on a set of held-out rows. */
export interface EvaluationReport {
  rows: number;
  positives: number;
  rocAuc: number;
  prAuc: number;
  brier: number;
  calibration: CalibrationBin[];
  tiers: {
    cutoffs: TierCutoffs;
    high: CutoffMetrics;
    mediumOrAbove: CutoffMetrics;
    medium: TierBand;
  };
  /** Per audited attribute (e.g. sex, age band): rates at the high tier's cut-off. */
  fairness: Record<string, FairnessReport>;
}

export interface EvaluateOptions {
  /** Tier cut-offs to judge; by default derived from these scores with `shares`. */
  cutoffs?: TierCutoffs;
  shares?: TierShares;
  /** Least probabilities per tier (see deriveTierCutoffs); none by default. */
  floors?: TierFloors;
  /** Audit columns, one group label per row (null when unknown). Not model inputs. */
  groups?: Record<string, readonly (string | null)[]>;
  /** A group's rate joins a gap only with at least this many rows of the class (default 1). */
  minClassCount?: number;
}

/** Every metric of issue 4 for probabilities on held-out rows. Needs both classes. */
export function evaluate(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  options: EvaluateOptions = {},
): EvaluationReport {
  const cutoffs =
    options.cutoffs ??
    deriveTierCutoffs(probabilities, options.shares ?? defaultTierShares, options.floors);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] as number;
  const fairness: Record<string, FairnessReport> = {};
  for (const [name, groups] of Object.entries(options.groups ?? {})) {
    fairness[name] = fairnessByGroup(
      labels,
      probabilities,
      groups,
      cutoffs.high,
      options.minClassCount,
    );
  }
  return {
    rows: labels.length,
    positives,
    rocAuc: rocAuc(labels, probabilities),
    prAuc: averagePrecision(labels, probabilities),
    brier: brierScore(labels, probabilities),
    calibration: calibrationTable(labels, probabilities),
    tiers: { cutoffs, ...tierMetrics(labels, probabilities, cutoffs) },
    fairness,
  };
}
