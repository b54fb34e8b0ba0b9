import { describe, expect, it } from 'vitest';
import { trainBoosting, defaultBoostingOptions } from '../../models/boosting-train';
import { binMatrix } from '../../models/forest-bins';
import { defaultForestOptions, trainForest } from '../../models/forest-train';
import { rocAuc } from '../../models/metrics';
import { createRng } from '../../models/rng';
import { compileTrees } from '../../models/trees-eval';

/** An interaction no linear model can learn: positive when x0 and x1 have the same sign. */
function xor(n: number, seed: number) {
  const rng = createRng(seed);
  const x = new Float64Array(n * 3);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.next() * 2 - 1;
    const b = rng.next() * 2 - 1;
    x.set([a, b, rng.next()], i * 3);
    y[i] = a * b > 0 ? 1 : 0;
  }
  return { x, y, weights: new Float64Array(n).fill(1) };
}

const scores = (f: (x: Float64Array, o: number) => number, x: Float64Array, n: number) =>
  Float64Array.from({ length: n }, (_, i) => f(x, i * 3));

describe('tree models', () => {
  it('bins features at midpoints between distinct values', () => {
    const b = binMatrix(Float64Array.from([1, 3, 3, 7]), 4, 1);
    expect(Array.from(b.upper[0]!)).toEqual([2, 5, Infinity]);
    expect(Array.from(b.codes)).toEqual([0, 1, 1, 2]);
  });

  it('a random forest learns an interaction and is reproducible from its seed', async () => {
    const train = xor(400, 1);
    const test = xor(200, 2);
    const options = { ...defaultForestOptions, trees: 30, seed: 5 };
    const forest = await trainForest(train.x, 3, train.y, train.weights, options);
    expect(rocAuc(test.y, scores(compileTrees(forest, 3).one, test.x, 200))).toBeGreaterThan(0.9);
    expect(await trainForest(train.x, 3, train.y, train.weights, options)).toEqual(forest);
    expect(
      await trainForest(train.x, 3, train.y, train.weights, { ...options, seed: 6 }),
    ).not.toEqual(forest);
  });

  it('scores packed trees exactly as walking the plain arrays, one row or many', async () => {
    const train = xor(300, 4);
    const test = xor(120, 5);
    const forest = await trainForest(train.x, 3, train.y, train.weights, {
      ...defaultForestOptions,
      trees: 15,
    });
    const walk = (o: number) => {
      const { roots, feature, threshold, right, value } = forest.trees;
      let sum = 0;
      for (const root of roots) {
        let i = root;
        while ((feature[i] as number) >= 0)
          i =
            (test.x[o + (feature[i] as number)] as number) <= (threshold[i] as number)
              ? i + 1
              : (right[i] as number);
        sum += value[i] as number;
      }
      return sum / roots.length;
    };
    const compiled = compileTrees(forest, 3);
    const many = new Float64Array(120);
    compiled.many(test.x, 120, many);
    for (let r = 0; r < 120; r++) {
      expect(compiled.one(test.x, r * 3)).toBeCloseTo(walk(r * 3), 12);
      expect(many[r]).toBeCloseTo(walk(r * 3), 12);
    }
  });

  it('extra trees (random thresholds, no bootstrap) also learn it', async () => {
    const train = xor(400, 1);
    const test = xor(200, 2);
    const forest = await trainForest(train.x, 3, train.y, train.weights, {
      ...defaultForestOptions,
      trees: 30,
      splitter: 'random',
      bootstrap: false,
    });
    expect(rocAuc(test.y, scores(compileTrees(forest, 3).one, test.x, 200))).toBeGreaterThan(0.85);
  });

  it('gradient boosting learns it and stops early on validation rows', async () => {
    const train = xor(400, 1);
    const valid = xor(150, 3);
    const test = xor(200, 2);
    const trees = await trainBoosting(train, 3, valid, {
      ...defaultBoostingOptions,
      maxRounds: 300,
      patience: 10,
    });
    expect(trees.trees.roots.length).toBeLessThan(300);
    expect(rocAuc(test.y, scores(compileTrees(trees, 3).one, test.x, 200))).toBeGreaterThan(0.9);
    const fixed = await trainBoosting(train, 3, null, { ...defaultBoostingOptions, maxRounds: 12 });
    expect(fixed.trees.roots).toHaveLength(12);
  });
});
