import type { BoostingSpec, ForestSpec } from './model-spec';

/** A compiled model: the raw score of the encoded row at `offset` in `x`. */
export type RowScorer = (x: ArrayLike<number>, offset: number) => number;

/**
 * Compiles trees into a scorer over encoded rows: a forest gives the mean leaf share of
 * positives, boosting gives `base` plus the sum of leaf values (a logit).
 */
export function compileTrees(spec: ForestSpec | BoostingSpec): RowScorer {
  const roots = Int32Array.from(spec.roots);
  const feature = Int32Array.from(spec.feature);
  const threshold = Float64Array.from(spec.threshold);
  const right = Int32Array.from(spec.right);
  const value = Float64Array.from(spec.value);
  const trees = roots.length;
  const base = spec.kind === 'boosting' ? spec.base : 0;
  const scale = spec.kind === 'boosting' ? 1 : 1 / trees;
  return (x, offset) => {
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
  };
}
