import { ModelError } from './errors';

/** Error rates of one group at a cut-off. */
export interface GroupRates {
  group: string;
  count: number;
  positives: number;
  negatives: number;
  /** False-positive rate: negatives flagged / negatives; null when the group has no negatives. */
  fpr: number | null;
  /** True-positive rate: positives flagged / positives; null when the group has no positives. */
  tpr: number | null;
}

/** The widest difference in one rate between two groups. */
export interface RateGap {
  metric: 'fpr' | 'tpr';
  gap: number;
  /** The group with the higher rate, then the one with the lower. */
  groups: [string, string];
}

export interface FairnessReport {
  cutoff: number;
  groups: GroupRates[];
  fprGap: RateGap | null;
  tprGap: RateGap | null;
  /** The larger of the two gaps: the one to show an auditor first. */
  largestGap: RateGap | null;
}

/**
 * False- and true-positive rates by group when rows scoring at least `cutoff` are flagged, and the
 * largest gap between groups. Rows with a null group are left out. A group's rate joins the gap
 * only when the group has at least `minClassCount` rows of that class, so one student cannot make
 * a gap on their own.
 */
export function fairnessByGroup(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  groups: readonly (string | null)[],
  cutoff: number,
  minClassCount = 1,
): FairnessReport {
  if (labels.length !== scores.length || labels.length !== groups.length) {
    throw new ModelError(
      'INVALID_DATA',
      `Labels (${labels.length}), scores (${scores.length}) and groups (${groups.length}) differ in length.`,
    );
  }
  const tally = new Map<
    string,
    { count: number; pos: number; neg: number; tp: number; fp: number }
  >();
  for (let i = 0; i < labels.length; i++) {
    const g = groups[i];
    if (g === null || g === undefined) continue;
    const t = tally.get(g) ?? { count: 0, pos: 0, neg: 0, tp: 0, fp: 0 };
    const flagged = (scores[i] as number) >= cutoff;
    t.count++;
    if (labels[i] === 1) {
      t.pos++;
      if (flagged) t.tp++;
    } else {
      t.neg++;
      if (flagged) t.fp++;
    }
    tally.set(g, t);
  }
  const rates: GroupRates[] = [...tally.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([group, t]) => ({
      group,
      count: t.count,
      positives: t.pos,
      negatives: t.neg,
      fpr: t.neg ? t.fp / t.neg : null,
      tpr: t.pos ? t.tp / t.pos : null,
    }));
  const fprGap = widestGap(rates, 'fpr', (r) => r.negatives >= minClassCount);
  const tprGap = widestGap(rates, 'tpr', (r) => r.positives >= minClassCount);
  const largestGap = !fprGap
    ? tprGap
    : !tprGap
      ? fprGap
      : tprGap.gap > fprGap.gap
        ? tprGap
        : fprGap;
  return { cutoff, groups: rates, fprGap, tprGap, largestGap };
}

function widestGap(
  rates: GroupRates[],
  metric: 'fpr' | 'tpr',
  eligible: (r: GroupRates) => boolean,
): RateGap | null {
  let hi: GroupRates | null = null;
  let lo: GroupRates | null = null;
  for (const r of rates) {
    const v = r[metric];
    if (v === null || !eligible(r)) continue;
    if (!hi || v > (hi[metric] as number)) hi = r;
    if (!lo || v < (lo[metric] as number)) lo = r;
  }
  if (!hi || !lo || hi === lo) return null;
  return {
    metric,
    gap: (hi[metric] as number) - (lo[metric] as number),
    groups: [hi.group, lo.group],
  };
}

/**
 * A band label for a number, e.g. ages with edges [15, 17] give "<15", "15-16", "17+" for integer
 * ages; null for a missing value. Edges must be ascending.
 */
export function bandOf(value: number | null | undefined, edges: readonly number[]): string | null {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  const first = edges[0];
  if (first === undefined || value < first) return first === undefined ? 'all' : `<${first}`;
  for (let i = 1; i < edges.length; i++) {
    const upper = edges[i] as number;
    if (value < upper) return `${edges[i - 1]}-${upper - 1}`;
  }
  return `${edges[edges.length - 1]}+`;
}
