import { logit } from './calibration';
import type { RawRow } from './dataset';
import { toCategory, toNumber } from './dataset';
import { referenceRow } from './preprocess';
import type { Scorer } from './scorer';

/** One input's part in a score, as structured data for the backend to store and render. */
export interface Factor {
  /** The input column. */
  feature: string;
  /** The student's value (null when not known). */
  value: number | string | null;
  /** What it was compared with: the training median (numeric) or most common category, unless the caller gave one (e.g. the school median). */
  reference: number | string | null;
  direction: 'raises' | 'lowers';
  /**
   * How much this input moves the risk's log-odds: logit(risk) minus logit(risk with this input
   * set to its reference). Exact for logistic regression with Platt calibration (the terms are
   * the model's own linear terms); for the MLP, trees and ensembles a one-at-a-time attribution.
   */
  weight: number;
}

export interface ExplainOptions {
  /** Reference values by column, overriding the training medians (e.g. this school's medians). */
  reference?: RawRow;
  /** How many factors to return, largest |weight| first. Default 3. */
  top?: number;
  /** 'raises' keeps only factors that raise the risk (what staff act on). Default 'both'. */
  only?: 'raises' | 'both';
  /** Factors smaller than this are left out. Default 0.01 log-odds. */
  minWeight?: number;
}

/**
 * The inputs that move one student's score the most, each compared with a reference value: the
 * change in log-odds when that input alone is set to its reference. Works the same for every
 * candidate kind, because it asks only the compiled scorer.
 */
export function explainScore(scorer: Scorer, row: RawRow, options: ExplainOptions = {}): Factor[] {
  const { preprocessor } = scorer.header;
  const reference = { ...referenceRow(preprocessor), ...options.reference };
  const x = new Float64Array(scorer.width);
  const ref = new Float64Array(scorer.width);
  scorer.encode(row, x);
  scorer.encode(reference, ref);
  const base = logit(scorer.probability(x));
  const factors: Factor[] = [];
  let offset = 0;
  for (const column of preprocessor.columns) {
    const span = column.kind === 'numeric' ? 1 : column.categories.length;
    let same = true;
    for (let k = offset; k < offset + span; k++) same &&= x[k] === ref[k];
    let weight = 0;
    // An input already at its reference moves nothing: skip the re-score (most of a row is).
    if (!same) {
      const saved = x.slice(offset, offset + span);
      x.set(ref.subarray(offset, offset + span), offset);
      weight = base - logit(scorer.probability(x));
      x.set(saved, offset);
    }
    offset += span;
    const value =
      column.kind === 'numeric'
        ? nullIfNaN(toNumber(row[column.name]))
        : toCategory(row[column.name]);
    const refValue =
      column.kind === 'numeric'
        ? nullIfNaN(toNumber(reference[column.name]))
        : toCategory(reference[column.name]);
    factors.push({
      feature: column.name,
      value,
      reference: refValue,
      direction: weight >= 0 ? 'raises' : 'lowers',
      weight,
    });
  }
  const minWeight = options.minWeight ?? 0.01;
  return factors
    .filter((f) => Math.abs(f.weight) >= minWeight && (options.only !== 'raises' || f.weight > 0))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, options.top ?? 3);
}

function nullIfNaN(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}
