import type { BoostingSpec, ForestSpec } from './model-spec';

/** A compiled model: the raw score of the encoded row at `offset` in `x`. */
export type RowScorer = (x: ArrayLike<number>, offset: number) => number;

/** A compiled model of any kind: one row, many rows, and one row's contributions. */
export interface CompiledRaw {
  /** The raw score (logit or vote share) of one encoded row. */
  one: RowScorer;
  /** Raw scores of `rows` consecutive encoded rows of `x` (row-major, `width` apart) into `out`. */
  many(x: Float64Array, rows: number, out: Float64Array): void;
}

/** Raw-score contributions of one row: `bias` + the sum of `perFeature` is the raw score. */
export interface RawContributions {
  raw: number;
  bias: number;
}

/**
 * Compiles trees into a scorer over encoded rows: a forest gives the mean leaf share of
 * positives, boosting gives `base` plus the sum of leaf values (a logit). Many rows are scored
 * tree by tree, so one tree's nodes stay in cache while every row walks it.
 */
export function compileTrees(spec: ForestSpec | BoostingSpec, width: number): CompiledRaw {
  const { roots, feature, threshold, right, value } = spec.trees;
  const trees = roots.length;
  const base = spec.kind === 'boosting' ? spec.base : 0;
  const scale = spec.kind === 'boosting' ? 1 : 1 / trees;
  return {
    one(x, offset) {
      let sum = 0;
      for (let t = 0; t < trees; t++) {
        let i = roots[t] as number;
        let f = feature[i] as number;
        while (f >= 0) {
          i = (x[offset + f] as number) <= (threshold[i] as number) ? i + 1 : (right[i] as number);
          f = feature[i] as number;
        }
        sum += value[i] as number;
      }
      return base + sum * scale;
    },
    many(x, rows, out) {
      out.fill(0, 0, rows);
      for (let t = 0; t < trees; t++) {
        const root = roots[t] as number;
        const rootFeature = feature[root] as number;
        for (let r = 0, offset = 0; r < rows; r++, offset += width) {
          let i = root;
          let f = rootFeature;
          while (f >= 0) {
            i =
              (x[offset + f] as number) <= (threshold[i] as number) ? i + 1 : (right[i] as number);
            f = feature[i] as number;
          }
          out[r]! += value[i] as number;
        }
      }
      for (let r = 0; r < rows; r++) out[r] = base + (out[r] as number) * scale;
    },
  };
}

/**
 * Saabas contributions of one encoded row: along each tree's decision path, the change in node
 * value at every split is credited to the split's feature, so `bias` (the mean root value, plus
 * boosting's base) plus the credits added into `out[feature]` is exactly the raw score. One pass,
 * the same cost as scoring the row. `out` is added to, not cleared.
 */
export function treeContributions(
  spec: ForestSpec | BoostingSpec,
  x: ArrayLike<number>,
  offset: number,
  out: Float64Array,
): RawContributions {
  const { roots, feature, threshold, right, value } = spec.trees;
  const trees = roots.length;
  const scale = spec.kind === 'boosting' ? 1 : 1 / trees;
  let bias = 0;
  let raw = 0;
  for (let t = 0; t < trees; t++) {
    let i = roots[t] as number;
    let v = value[i] as number;
    bias += v;
    let f = feature[i] as number;
    while (f >= 0) {
      i = (x[offset + f] as number) <= (threshold[i] as number) ? i + 1 : (right[i] as number);
      const next = value[i] as number;
      out[f]! += (next - v) * scale;
      v = next;
      f = feature[i] as number;
    }
    raw += v;
  }
  const base = spec.kind === 'boosting' ? spec.base : 0;
  return { raw: base + raw * scale, bias: base + bias * scale };
}
