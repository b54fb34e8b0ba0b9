import { describe, expect, it } from 'vitest';
import type { ForestSpec, BoostingSpec } from '../../models/model-spec';
import { createRng, type Rng } from '../../models/rng';
import { freezeTrees, emptyTrees, type TreeBuilder } from '../../models/tree-arrays';
import { compileTrees } from '../../models/trees-eval';

/** Grows a random tree in pre-order (left child next, right child linked), as training does. */
function randomTree(b: TreeBuilder, rng: Rng, width: number, depth: number): void {
  const id = b.feature.length;
  const leaf = depth === 0 || rng.next() < 0.25;
  b.feature.push(leaf ? -1 : rng.int(width));
  b.threshold.push(leaf ? 0 : rng.next() * 2 - 1);
  b.right.push(-1);
  b.value.push(rng.next() * 2 - 1);
  if (leaf) return;
  randomTree(b, rng, width, depth - 1);
  b.right[id] = b.feature.length;
  randomTree(b, rng, width, depth - 1);
}

function randomTrees(seed: number, width: number, trees: number, depth: number) {
  const rng = createRng(seed);
  const b = emptyTrees();
  for (let t = 0; t < trees; t++) {
    b.roots.push(b.feature.length);
    randomTree(b, rng, width, depth);
  }
  return freezeTrees(b);
}

/** The reference: each row walks each tree with a branch per node. */
function reference(spec: ForestSpec | BoostingSpec, x: Float64Array, width: number, r: number) {
  const { roots, feature, threshold, right, value } = spec.trees;
  let sum = 0;
  for (const root of roots) {
    let i = root;
    while ((feature[i] as number) >= 0)
      i =
        (x[r * width + (feature[i] as number)] as number) <= (threshold[i] as number)
          ? i + 1
          : (right[i] as number);
    sum += value[i] as number;
  }
  return spec.kind === 'boosting' ? spec.base + sum : sum / roots.length;
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
