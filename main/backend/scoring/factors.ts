import type { RiskFactorView } from '../../../contract';
import { formatFactor, type Preprocessor } from '../../../models';
import { inputGap, inputMeta } from '../training/model-inputs';

type RawValues = Readonly<Record<string, number | string | null | undefined>>;

/** Shares smaller than this (in log-odds) are not worth a line. */
const MIN_WEIGHT = 0.01;

/** How many reasons a score shows. */
const TOP = 3;

/** A value as the contract carries it: numbers as they are, yes/no as 1/0, other words as null. */
const asNumber = (v: number | string | null | undefined): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : v === 'yes' ? 1 : v === 'no' ? 0 : null;

const missing = (v: number | string | null | undefined): boolean =>
  v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

/**
 * A score's reasons and data gaps from its explanation: the inputs with the largest shares that
 * raise the risk, in plain words against the school median, then every missing input that has
 * gap words, once per wording. A missing input is never a reason, whatever its share (the model
 * saw the training mean in its place).
 */
export function buildFactors(
  prep: Preprocessor,
  weights: Float64Array,
  row: RawValues,
  reference: RawValues,
): RiskFactorView[] {
  const reasons: RiskFactorView[] = [];
  const gaps = new Map<string, RiskFactorView>();
  prep.columns.forEach((column, c) => {
    const value = row[column.name];
    const ref = reference[column.name];
    if (missing(value)) {
      const gap = inputGap[column.name];
      if (gap && !gaps.has(gap)) {
        gaps.set(gap, {
          feature: column.name,
          text: gap,
          direction: 'lowers',
          weight: 0,
          value: null,
          reference: asNumber(ref),
          kind: 'data_gap',
        });
      }
      return;
    }
    const weight = weights[c] as number;
    if (weight < MIN_WEIGHT) return;
    const factor = {
      feature: column.name,
      value: value ?? null,
      reference: missing(ref) ? null : (ref ?? null),
      direction: 'raises' as const,
      weight,
    };
    reasons.push({
      feature: column.name,
      text: formatFactor(factor, inputMeta[column.name]),
      direction: 'raises',
      weight: Number(weight.toFixed(4)),
      value: asNumber(value),
      reference: asNumber(ref),
      kind: 'indicator',
    });
  });
  reasons.sort((a, b) => b.weight - a.weight);
  return [...reasons.slice(0, TOP), ...gaps.values()];
}
