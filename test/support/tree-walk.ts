import type { BoostingSpec, ForestSpec } from '../../models/model-spec';
import { createRng, type Rng } from '../../models/rng';
import {
  emptyTrees,
  freezeTrees,
  type TreeArrays,
  type TreeBuilder,
} from '../../models/tree-arrays';

/** How random trees are drawn: the chance a node is a leaf, and its thresholds. */
export interface RandomTreeShape {
  leafChance: number;
  threshold: (rng: Rng) => number;
}

const anyThreshold: RandomTreeShape = { leafChance: 0.25, threshold: (rng) => rng.next() * 2 - 1 };

/** Grows a random tree in pre-order (left child next, right child linked), as training does. */
function randomTree(
  b: TreeBuilder,
  rng: Rng,
  width: number,
  depth: number,
  shape: RandomTreeShape,
): void {
  const id = b.feature.length;
  const leaf = depth === 0 || rng.next() < shape.leafChance;
  b.feature.push(leaf ? -1 : rng.int(width));
  b.threshold.push(leaf ? 0 : shape.threshold(rng));
  b.right.push(-1);
  b.value.push(rng.next() * 2 - 1);
  if (leaf) return;
  randomTree(b, rng, width, depth - 1, shape);
  b.right[id] = b.feature.length;
  randomTree(b, rng, width, depth - 1, shape);
}

/** `trees` random trees of at most `depth` splits on the way down, from a seed. */
export function randomTrees(
  seed: number,
  width: number,
  trees: number,
  depth: number,
  shape: RandomTreeShape = anyThreshold,
): TreeArrays {
  const rng = createRng(seed);
  const b = emptyTrees();
  for (let t = 0; t < trees; t++) {
    b.roots.push(b.feature.length);
    randomTree(b, rng, width, depth, shape);
  }
  return freezeTrees(b);
}

/**
 * The plain walk, the reference every tree scorer is checked against: row `r` follows each
 * tree's branches (`<=` goes left, NaN right) and the leaf values are added in tree order.
 */
export function walkSum(
  spec: ForestSpec | BoostingSpec,
  x: Float64Array,
  width: number,
  r: number,
): number {
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
  return sum;
}
