import type { RiskFactorView } from '../../../contract';
import { formatFactor, type Factor, type Preprocessor } from '../../../models';
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

/** The top reasons' columns and shown weights while one student's factors are built. */
const topColumns = new Int32Array(TOP);
const topWeights = new Float64Array(TOP);
/** The Factor handed to formatFactor, reused: wording a reason needs no object of its own. */
const wording: Factor = {
  feature: '',
  value: null,
  reference: null,
  direction: 'raises',
  weight: 0,
};

/**
 * A score's reasons and data gaps from its explanation: the inputs with the largest shares that
 * raise the risk, in plain words against the school median, then every missing input that has
 * gap words, once per wording. A missing input is never a reason, whatever its share (the model
 * saw the training mean in its place).
 *
 * Every save of a register builds its students' factors, so this allocates only what it
 * returns: the top reasons are kept in place as they are met (no list of every raising input to
 * sort), in the order a stable sort by shown weight gives.
 */
export function buildFactors(
  prep: Preprocessor,
  weights: Float64Array,
  row: RawValues,
  reference: RawValues,
): RiskFactorView[] {
  let top = 0;
  let gaps: RiskFactorView[] | null = null;
  const columns = prep.columns;
  for (let c = 0; c < columns.length; c++) {
    const name = (columns[c] as Preprocessor['columns'][number]).name;
    const value = row[name];
    if (missing(value)) {
      const gap = inputGap[name];
      if (gap && !gaps?.some((g) => g.text === gap)) {
        (gaps ??= []).push({
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
    const raw = weights[c] as number;
    if (!(raw >= MIN_WEIGHT)) continue;
    // The weight as shown (rounded); an equal one met later goes after it, as in a stable sort.
    const weight = Number(raw.toFixed(4));
    let at = top;
    while (at > 0 && (topWeights[at - 1] as number) < weight) at--;
    if (at >= TOP) continue;
    for (let k = Math.min(top, TOP - 1); k > at; k--) {
      topColumns[k] = topColumns[k - 1] as number;
      topWeights[k] = topWeights[k - 1] as number;
    }
    topColumns[at] = c;
    topWeights[at] = weight;
    if (top < TOP) top++;
  }
  const factors: RiskFactorView[] = [];
  for (let k = 0; k < top; k++) {
    const c = topColumns[k] as number;
    const name = (columns[c] as Preprocessor['columns'][number]).name;
    const value = row[name];
    const ref = reference[name];
    wording.feature = name;
    wording.value = value ?? null;
    wording.reference = missing(ref) ? null : (ref ?? null);
    wording.weight = weights[c] as number;
    factors.push({
      feature: name,
      text: formatFactor(wording, inputMeta[name]),
      direction: 'raises',
      weight: topWeights[k] as number,
      value: asNumber(value),
      reference: asNumber(ref),
      kind: 'indicator',
    });
  }
  if (gaps) for (const g of gaps) factors.push(g);
  return factors;
}
