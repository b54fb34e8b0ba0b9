import { ModelError } from './errors';

/** Refuses score and label arrays that cannot be compared row by row. */
function checkPair(labels: ArrayLike<number>, scores: ArrayLike<number>): void {
  if (labels.length !== scores.length) {
    throw new ModelError(
      'INVALID_DATA',
      `There are ${labels.length} labels but ${scores.length} scores.`,
    );
  }
  if (labels.length === 0) throw new ModelError('INVALID_DATA', 'There are no rows to evaluate.');
}

function countPositives(labels: ArrayLike<number>): number {
  let p = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) p++;
  return p;
}

/** Row indices ordered by score, highest first (ties keep row order). */
function byScoreDescending(scores: ArrayLike<number>): Int32Array {
  const order = new Int32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
}

/**
 * ROC-AUC: the chance that a random positive scores above a random negative, ties counting one
 * half (the Mann-Whitney statistic with average ranks). Needs both classes.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkPair(labels, scores);
  const pos = countPositives(labels);
  const neg = labels.length - pos;
  if (pos === 0 || neg === 0) {
    throw new ModelError('INVALID_DATA', 'ROC-AUC needs both classes among the rows evaluated.');
  }
  const order = byScoreDescending(scores);
  // Walk groups of tied scores from the top: each negative in a group is beaten by every positive
  // seen above it and ties with the positives in its own group.
  let posAbove = 0;
  let wins = 0;
  for (let i = 0; i < order.length;) {
    const s = scores[order[i] as number] as number;
    let groupPos = 0;
    let groupNeg = 0;
    let j = i;
    for (; j < order.length && scores[order[j] as number] === s; j++) {
      if (labels[order[j] as number] === 1) groupPos++;
      else groupNeg++;
    }
    wins += groupNeg * (posAbove + groupPos / 2);
    posAbove += groupPos;
    i = j;
  }
  return wins / (pos * neg);
}

/**
 * PR-AUC as average precision: the sum over score thresholds (tied scores form one threshold) of
 * the gain in recall times the precision there, as scikit-learn's average_precision_score.
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkPair(labels, scores);
  const pos = countPositives(labels);
  if (pos === 0)
    throw new ModelError('INVALID_DATA', 'Average precision needs at least one positive row.');
  const order = byScoreDescending(scores);
  let tp = 0;
  let seen = 0;
  let ap = 0;
  for (let i = 0; i < order.length;) {
    const s = scores[order[i] as number] as number;
    let groupPos = 0;
    let j = i;
    for (; j < order.length && scores[order[j] as number] === s; j++) {
      if (labels[order[j] as number] === 1) groupPos++;
    }
    seen += j - i;
    tp += groupPos;
    ap += (groupPos / pos) * (tp / seen);
    i = j;
  }
  return ap;
}

/** Brier score: the mean squared difference between probability and outcome (lower is better). */
export function brierScore(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  checkPair(labels, probabilities);
  let sum = 0;
  for (let i = 0; i < labels.length; i++)
    sum += ((probabilities[i] as number) - (labels[i] as number)) ** 2;
  return sum / labels.length;
}

/** One bin of a calibration table: rows whose probability fell in [lower, upper). */
export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  /** Mean predicted probability in the bin; null when the bin is empty. */
  meanPredicted: number | null;
  /** Share of positives in the bin; null when the bin is empty. */
  observed: number | null;
}

/** A calibration table of equal-width probability bins (the last bin includes 1). */
export function calibrationTable(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  bins = 10,
): CalibrationBin[] {
  checkPair(labels, probabilities);
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i] as number;
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    count[b]! += 1;
    sumP[b]! += p;
    sumY[b]! += labels[i] as number;
  }
  return Array.from({ length: bins }, (_, b) => {
    const n = count[b] as number;
    return {
      lower: b / bins,
      upper: (b + 1) / bins,
      count: n,
      meanPredicted: n ? (sumP[b] as number) / n : null,
      observed: n ? (sumY[b] as number) / n : null,
    };
  });
}

/** How well a cut-off finds positives: rows at or above it are flagged. */
export interface CutoffMetrics {
  cutoff: number;
  flagged: number;
  /** Share of flagged rows that are positive; null when nothing is flagged. */
  precision: number | null;
  /** Share of positives that are flagged; null when there are no positives. */
  recall: number | null;
}

/** Precision and recall when every row scoring at least `cutoff` is flagged. */
export function precisionRecallAt(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  cutoff: number,
): CutoffMetrics {
  checkPair(labels, scores);
  let flagged = 0;
  let tp = 0;
  for (let i = 0; i < labels.length; i++) {
    if ((scores[i] as number) >= cutoff) {
      flagged++;
      if (labels[i] === 1) tp++;
    }
  }
  const pos = countPositives(labels);
  return {
    cutoff,
    flagged,
    precision: flagged ? tp / flagged : null,
    recall: pos ? tp / pos : null,
  };
}
