import { describe, expect, it } from 'vitest';
import type { ForestSpec } from '../../models/model-spec';
import { createRng, type Rng } from '../../models/rng';
import { decodeTrees, emptyTrees, encodeTrees, freezeTrees } from '../../models/tree-arrays';
import { compileTrees, deepestNode, partitionedTrees } from '../../models/trees-eval';
import { wasmTreeSums } from '../../models/trees-wasm';
import { randomTrees, walkSum } from '../support/tree-walk';

// Thresholds from a few values, so rows land exactly on them too.
const fewThresholds = {
  leafChance: 0.2,
  threshold: (rng: Rng) => Math.round(rng.next() * 20 - 10) / 10,
};

/** Every row's plain walk (see walkSum). */
const walkSums = (spec: ForestSpec, x: Float64Array, width: number, rows: number) =>
  Float64Array.from({ length: rows }, (_, r) => walkSum(spec, x, width, r));

describe('tree sums in WebAssembly', () => {
  it('equal the plain walk and the JavaScript partitioning bit for bit, for every batch size', () => {
    const width = 6;
    const rng = createRng(5);
    const spec: ForestSpec = {
      kind: 'forest',
      trees: randomTrees(5, width, 40, 14, fewThresholds),
    };
    const wasm = wasmTreeSums(spec, width, deepestNode(spec.trees));
    expect(wasm).not.toBeNull();
    const js = partitionedTrees(spec, width);
    // Bigger and smaller batches in turn: buffers are reused and memory grows (20,000 rows).
    for (const rows of [1, 2, 3, 17, 256, 1000, 5, 20_000, 64, 4999]) {
      const x = Float64Array.from({ length: rows * width }, () => {
        const u = rng.next();
        return u < 0.05
          ? NaN
          : u < 0.3
            ? Math.round(rng.next() * 20 - 10) / 10
            : rng.next() * 2.2 - 1.1;
      });
      const want = walkSums(spec, x, width, rows);
      const fromWasm = new Float64Array(rows).fill(99);
      const fromJs = new Float64Array(rows).fill(99);
      wasm!(x, rows, fromWasm);
      js(x, rows, fromJs);
      expect(Array.from(fromWasm)).toEqual(Array.from(want));
      expect(Array.from(fromJs)).toEqual(Array.from(want));
    }
  });

  it('is what compileTrees scores many rows with, the same as one row at a time', () => {
    const width = 4;
    const rng = createRng(9);
    const spec: ForestSpec = { kind: 'forest', trees: randomTrees(9, width, 7, 9, fewThresholds) };
    const compiled = compileTrees(spec, width);
    const rows = 333;
    const x = Float64Array.from({ length: rows * width }, () => rng.next() * 2.2 - 1.1);
    const many = new Float64Array(rows);
    compiled.many(x, rows, many);
    const sums = walkSums(spec, x, width, rows);
    for (let r = 0; r < rows; r++) {
      expect(many[r]).toBe(0 + (sums[r] as number) * (1 / 7));
      expect(compiled.one(x, r * width)).toBe(many[r]);
    }
  });

  it('sizes its stack for the longest way in when an artifact links a node from two parents', () => {
    // Pre-order and forward links, so checkTrees accepts it, but node x is reached from a chain
    // of 12 splits under the root's left child and from the root's right child at depth 1: a
    // stack sized by the last parent's depth (2) would be overrun on the way down the chain.
    const chain = 12;
    const below = 12;
    const x0 = chain + 3;
    const last = x0 + below + 1;
    const b = emptyTrees();
    const node = (feature: number, right: number) => {
      b.feature.push(feature);
      b.threshold.push(feature < 0 ? 0 : 0.5);
      b.right.push(right);
      b.value.push(b.value.length / 10);
    };
    b.roots.push(0);
    node(0, chain + 1);
    for (let j = 1; j < chain; j++) node(j % 3, x0);
    node(-1, -1);
    node(1, x0);
    node(-1, -1);
    for (let i = x0; i < x0 + below; i++) node(i % 3, last);
    node(-1, -1);
    node(-1, -1);
    const width = 3;
    const trees = decodeTrees(encodeTrees(freezeTrees(b)), width);
    const spec: ForestSpec = { kind: 'forest', trees };
    const rng = createRng(3);
    const rows = 2000;
    const x = Float64Array.from({ length: rows * width }, () => rng.next() * 0.58 + 0.1);
    const fromWasm = new Float64Array(rows);
    const fromJs = new Float64Array(rows);
    wasmTreeSums(spec, width, deepestNode(trees))!(x, rows, fromWasm);
    partitionedTrees(spec, width)(x, rows, fromJs);
    const want = walkSums(spec, x, width, rows);
    expect(Array.from(fromWasm)).toEqual(Array.from(want));
    expect(Array.from(fromJs)).toEqual(Array.from(want));
    expect(deepestNode(trees)).toBe(chain + below);
  });
});
