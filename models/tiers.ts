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
 * Cut-offs that put the top `shares.high` of `scores` in the high tier and the next
 * `shares.medium` in medium. The cut-off is the score of the last student inside the share, so
 * students tied with them are inside too (a tier can be a little larger than its share, never
 * smaller). A share of 0 gives a cut-off no score reaches.
 */
export function deriveTierCutoffs(
  scores: ArrayLike<number>,
  shares: TierShares = defaultTierShares,
): TierCutoffs {
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
  const highCut = at(high);
  return { high: highCut, medium: Math.min(highCut, at(high + medium)) };
}

/** The tier a score falls in. */
export function tierOf(score: number, cutoffs: TierCutoffs): Tier {
  if (score >= cutoffs.high) return 'high';
  if (score >= cutoffs.medium) return 'medium';
  return 'low';
}

/** Precision and recall when flagging the high tier, and when flagging medium or above. */
export function tierMetrics(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  cutoffs: TierCutoffs,
): { high: CutoffMetrics; mediumOrAbove: CutoffMetrics } {
  return {
    high: precisionRecallAt(labels, scores, cutoffs.high),
    mediumOrAbove: precisionRecallAt(labels, scores, cutoffs.medium),
  };
}
