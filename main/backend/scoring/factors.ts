import type { RiskFactorView } from '../../../contract';
import { formatFactor, type Preprocessor } from '../../../models';
import { inputGap, inputMeta } from '../features/model-inputs';

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
  // The reasons' columns with their shown (rounded) weights, largest first: only the top few
  // are put into words, since wording is most of the cost of a student's factors.
  const raising: { c: number; weight: number }[] = [];
  const gaps = new Map<string, RiskFactorView>();
  const columns = prep.columns;
  for (let c = 0; c < columns.length; c++) {
    const name = (columns[c] as Preprocessor['columns'][number]).name;
    const value = row[name];
    if (missing(value)) {
      const gap = inputGap[name];
      if (gap && !gaps.has(gap)) {
        gaps.set(gap, {
          feature: name,
          text: gap,
          direction: 'lowers',
          weight: 0,
          value: null,
          reference: asNumber(reference[name]),
          kind: 'data_gap',
        });
      }
      continue;
    }
    const weight = weights[c] as number;
    if (weight >= MIN_WEIGHT) raising.push({ c, weight: Number(weight.toFixed(4)) });
  }
  // Stable: equal shown weights keep column order.
  raising.sort((a, b) => b.weight - a.weight);
  const reasons: RiskFactorView[] = [];
  for (const { c, weight } of raising.slice(0, TOP)) {
    const name = (columns[c] as Preprocessor['columns'][number]).name;
    const value = row[name];
    const ref = reference[name];
    const factor = {
      feature: name,
      value: value ?? null,
      reference: missing(ref) ? null : (ref ?? null),
      direction: 'raises' as const,
      weight: weights[c] as number,
    };
    reasons.push({
      feature: name,
      text: formatFactor(factor, inputMeta[name]),
      direction: 'raises',
      weight,
      value: asNumber(value),
      reference: asNumber(ref),
      kind: 'indicator',
    });
  }
  return [...reasons, ...gaps.values()];
}
