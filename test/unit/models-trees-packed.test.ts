import { describe, expect, it } from 'vitest';
import type { ForestSpec, BoostingSpec } from '../../models/model-spec';
import { createRng } from '../../models/rng';
import { compileTrees } from '../../models/trees-eval';
import { randomTrees, walkSum } from '../support/tree-walk';

/** The reference: each row walks each tree with a branch per node. */
function reference(spec: ForestSpec | BoostingSpec, x: Float64Array, width: number, r: number) {
  const sum = walkSum(spec, x, width, r);
  return spec.kind === 'boosting' ? spec.base + sum : sum / spec.trees.roots.length;
}

describe('packed tree evaluation', () => {
  it('equals the reference walk to 1e-9 on random trees, one row or many, NaN going right', () => {
    const width = 7;
    const rng = createRng(11);
    for (const [seed, rows, depth] of [
      [1, 1, 3],
      [2, 5, 8],
      [3, 103, 12],
      [4, 64, 1],
    ] as const) {
      const trees = randomTrees(seed, width, 9, depth);
      const x = Float64Array.from({ length: rows * width }, () =>
        rng.next() < 0.05 ? NaN : rng.next() * 2.2 - 1.1,
      );
      // Values exactly on a threshold go left.
      x[0] = trees.threshold[0] as number;
      for (const spec of [
        { kind: 'forest', trees } as ForestSpec,
        { kind: 'boosting', base: -0.7, trees } as BoostingSpec,
      ]) {
        const many = new Float64Array(rows);
        compileTrees(spec, width).many(x, rows, many);
        const one = compileTrees(spec, width).one;
        for (let r = 0; r < rows; r++) {
          const want = reference(spec, x, width, r);
          expect(Math.abs((many[r] as number) - want)).toBeLessThan(1e-9);
          expect(Math.abs(one(x, r * width) - want)).toBeLessThan(1e-9);
        }
      }
    }
  });
});

describe('tree evaluation over many rows', () => {
  it('gives every row its own walk whatever batch came before (buffers reused, larger or smaller)', () => {
    const width = 5;
    const rng = createRng(21);
    const trees = randomTrees(8, width, 13, 10);
    for (const spec of [
      { kind: 'forest', trees } as ForestSpec,
      { kind: 'boosting', base: 0.3, trees } as BoostingSpec,
    ]) {
      const compiled = compileTrees(spec, width);
      for (const rows of [300, 7, 1, 450]) {
        const x = Float64Array.from({ length: rows * width }, () =>
          rng.next() < 0.1 ? NaN : rng.next() * 2.2 - 1.1,
        );
        const out = new Float64Array(rows).fill(99);
        compiled.many(x, rows, out);
        for (let r = 0; r < rows; r++)
          expect(Math.abs((out[r] as number) - reference(spec, x, width, r))).toBeLessThan(1e-9);
      }
    }
  });
});
