import { ModelError } from './errors';
import type { CutoffMetrics } from './metrics';
import { precisionRecallAt } from './metrics';

export type Tier = 'low' | 'medium' | 'high';

/** Shares of students per tier, counted from the top score down. */
export interface TierShares {
  /** Share in the high tier (default 0.10: the top 10% of scores). */
  high: number;
  /** Share in the medium tier, right below high (default 0.15: the next 15%). */
  medium: number;
}

/** Score cut-offs: a score at or above `high` is high, else at or above `medium` is medium. */
export interface TierCutoffs {
  high: number;
  medium: number;
}

export const defaultTierShares: TierShares = { high: 0.1, medium: 0.15 };

/**
 * The least calibrated probability each tier needs, whatever the rank: a tier never contradicts
 * its number (no "high risk" beside "risk 6%").
 */
export interface TierFloors {
  high: number;
  medium: number;
}

export const defaultTierFloors: TierFloors = { high: 0.2, medium: 0.1 };

/**
 * Cut-offs that put the top `shares.high` of `scores` in the high tier and the next
 * `shares.medium` in medium, raised to the `floors` when given: a student is high only when
 * both their rank and their probability say so. The rank cut-off is the score of the last
 * student inside the share, so students tied with them are inside too. A share of 0 gives a
 * cut-off no score reaches.
 */
export function deriveTierCutoffs(
  scores: ArrayLike<number>,
  shares: TierShares = defaultTierShares,
  floors: TierFloors = { high: 0, medium: 0 },
): TierCutoffs {
  if (!(floors.medium >= 0 && floors.medium <= floors.high && floors.high <= 1)) {
    throw new ModelError(
      'INVALID_OPTIONS',
      `Tier floors must be between 0 and 1, medium at most high (high ${floors.high}, medium ${floors.medium}).`,
    );
  }
  const { high, medium } = shares;
  if (!(high >= 0 && medium >= 0 && high + medium <= 1)) {
    throw new ModelError(
      'INVALID_OPTIONS',
      `Tier shares must be at least 0 and add up to at most 1 (high ${high}, medium ${medium}).`,
    );
  }
  if (scores.length === 0)
    throw new ModelError('INVALID_DATA', 'There are no scores to derive tier cut-offs from.');
  const sorted = Float64Array.from(scores).sort().reverse();
  const at = (share: number): number => {
    const k = Math.ceil(share * sorted.length - 1e-9);
    return k === 0 ? Infinity : (sorted[k - 1] as number);
  };
  const highCut = Math.max(at(high), floors.high);
  return { high: highCut, medium: Math.min(highCut, Math.max(at(high + medium), floors.medium)) };
}

/** The tier a score falls in. */
export function tierOf(score: number, cutoffs: TierCutoffs): Tier {
  if (score >= cutoffs.high) return 'high';
  if (score >= cutoffs.medium) return 'medium';
  return 'low';
}

/** Precision and recall of one tier alone: the rows placed in it, and the positives it caught. */
export interface TierBand {
  /** Null when no row is in the tier. */
  precision: number | null;
  /** Null when there are no positives. */
  recall: number | null;
  /** Rows placed in the tier. */
  rows: number;
}

/**
 * Precision and recall when flagging the high tier, when flagging medium or above, and of the
 * medium tier alone (what a head teacher reads beside each tier).
 */
export function tierMetrics(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  cutoffs: TierCutoffs,
): { high: CutoffMetrics; mediumOrAbove: CutoffMetrics; medium: TierBand } {
  let rows = 0;
  let hits = 0;
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i] as number;
    positives += y;
    if (tierOf(scores[i] as number, cutoffs) === 'medium') {
      rows++;
      hits += y;
    }
  }
  return {
    high: precisionRecallAt(labels, scores, cutoffs.high),
    mediumOrAbove: precisionRecallAt(labels, scores, cutoffs.medium),
    medium: {
      precision: rows ? hits / rows : null,
      recall: positives ? hits / positives : null,
      rows,
    },
  };
}
