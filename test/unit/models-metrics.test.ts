import { describe, expect, it } from 'vitest';
import { evaluate } from '../../models/evaluate';
import { bandOf, fairnessByGroup } from '../../models/fairness';
import {
  averagePrecision,
  brierScore,
  calibrationTable,
  precisionRecallAt,
  rocAuc,
} from '../../models/metrics';
import { deriveTierCutoffs, tierMetrics, tierOf } from '../../models/tiers';

describe('rocAuc', () => {
  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toBe(1);
    expect(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9])).toBe(0);
  });

  it('counts a tie between a positive and a negative as one half', () => {
    // Pairs (pos, neg): (0.5, 0.5) tie → 0.5; (0.5, 0.1) win → 1; (0.9, 0.5) win; (0.9, 0.1) win.
    expect(rocAuc([1, 1, 0, 0], [0.5, 0.9, 0.5, 0.1])).toBeCloseTo(3.5 / 4, 12);
    // Everything tied: 0.5 whatever the labels.
    expect(rocAuc([1, 0, 0, 1, 0], [0.3, 0.3, 0.3, 0.3, 0.3])).toBe(0.5);
    // 2 positives, 3 negatives: pos {0.4, 0.7}, neg {0.4, 0.4, 0.8}
    // 0.4 vs 0.4,0.4 ties (1), vs 0.8 loss; 0.7 beats 0.4,0.4 (2), loses 0.8 → (1 + 2) / 6
    expect(rocAuc([1, 0, 1, 0, 0], [0.4, 0.4, 0.7, 0.4, 0.8])).toBeCloseTo(3 / 6, 12);
  });

  it('refuses rows of one class and mismatched lengths', () => {
    expect(() => rocAuc([1, 1], [0.2, 0.3])).toThrow(/both classes/);
    expect(() => rocAuc([1, 0], [0.2])).toThrow(/2 labels but 1 scores/);
  });
});

describe('averagePrecision', () => {
  it('matches a hand computation', () => {
    // Ranked: 0.9 (1), 0.8 (0), 0.7 (1), 0.1 (0): P@1 = 1 (recall 0.5), P@3 = 2/3 (recall 1)
    expect(averagePrecision([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1])).toBeCloseTo(
      0.5 * 1 + 0.5 * (2 / 3),
      12,
    );
  });

  it('treats tied scores as one threshold', () => {
    // All four tied: one threshold at which precision is 2/4 and recall goes 0 → 1.
    expect(averagePrecision([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5])).toBeCloseTo(0.5, 12);
  });
});

describe('brierScore and calibrationTable', () => {
  it('computes the mean squared error of probabilities', () => {
    expect(brierScore([1, 0], [0.8, 0.4])).toBeCloseTo((0.04 + 0.16) / 2, 12);
  });

  it('bins probabilities in tenths with the mean predicted and observed rate', () => {
    const table = calibrationTable([1, 0, 1, 1], [0.05, 0.08, 0.95, 1]);
    expect(table).toHaveLength(10);
    expect(table[0]).toMatchObject({ count: 2, observed: 0.5 });
    expect(table[0]?.meanPredicted).toBeCloseTo(0.065, 12);
    expect(table[9]).toMatchObject({ count: 2, observed: 1 });
    expect(table[5]).toMatchObject({ count: 0, meanPredicted: null, observed: null });
  });
});

describe('tiers', () => {
  const scores = [
    0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65,
    0.75, 0.85, 0.99,
  ];

  it('puts the top 10% in high and the next 15% in medium by default', () => {
    const cut = deriveTierCutoffs(scores);
    expect(cut).toEqual({ high: 0.95, medium: 0.8 });
    const tiers = scores.map((s) => tierOf(s, cut));
    expect(tiers.filter((t) => t === 'high')).toHaveLength(2);
    expect(tiers.filter((t) => t === 'medium')).toHaveLength(3);
  });

  it('keeps students tied at a cut-off together and accepts custom shares', () => {
    expect(deriveTierCutoffs([0.9, 0.9, 0.9, 0.1], { high: 0.25, medium: 0 })).toEqual({
      high: 0.9,
      medium: 0.9,
    });
    expect(deriveTierCutoffs([0.5, 0.4], { high: 0, medium: 0.5 })).toEqual({
      high: Infinity,
      medium: 0.5,
    });
    expect(() => deriveTierCutoffs([0.5], { high: 0.7, medium: 0.5 })).toThrow(
      /add up to at most 1/,
    );
  });

  it('reports precision and recall at each cut-off', () => {
    const labels = [1, 1, 0, 0, 1];
    const s = [0.9, 0.8, 0.7, 0.2, 0.1];
    expect(precisionRecallAt(labels, s, 0.75)).toEqual({
      cutoff: 0.75,
      flagged: 2,
      precision: 1,
      recall: 2 / 3,
    });
    expect(precisionRecallAt(labels, s, 1)).toMatchObject({ flagged: 0, precision: null });
    const m = tierMetrics(labels, s, { high: 0.85, medium: 0.7 });
    expect(m.high).toMatchObject({ flagged: 1, precision: 1, recall: 1 / 3 });
    expect(m.mediumOrAbove).toMatchObject({ flagged: 3, precision: 2 / 3, recall: 2 / 3 });
  });
});

describe('fairnessByGroup', () => {
  it('computes FPR and TPR per group and flags the largest gap', () => {
    const labels = [1, 1, 0, 0, 1, 1, 0, 0];
    const scores = [0.9, 0.9, 0.9, 0.1, 0.9, 0.1, 0.1, 0.1];
    const groups = ['F', 'F', 'F', 'F', 'M', 'M', 'M', 'M'];
    const r = fairnessByGroup(labels, scores, groups, 0.5);
    expect(r.groups).toEqual([
      { group: 'F', count: 4, positives: 2, negatives: 2, fpr: 0.5, tpr: 1 },
      { group: 'M', count: 4, positives: 2, negatives: 2, fpr: 0, tpr: 0.5 },
    ]);
    expect(r.fprGap).toEqual({ metric: 'fpr', gap: 0.5, groups: ['F', 'M'] });
    expect(r.tprGap).toEqual({ metric: 'tpr', gap: 0.5, groups: ['F', 'M'] });
    expect(r.largestGap?.gap).toBe(0.5);
  });

  it('leaves out unknown groups and groups too small for a rate', () => {
    const r = fairnessByGroup([1, 0, 0, 1], [0.9, 0.9, 0.1, 0.9], ['A', 'A', 'B', null], 0.5, 1);
    expect(r.groups.map((g) => g.group)).toEqual(['A', 'B']);
    expect(r.groups[1]?.tpr).toBeNull();
    expect(r.tprGap).toBeNull();
    expect(r.largestGap).toEqual({ metric: 'fpr', gap: 1, groups: ['A', 'B'] });
  });

  it('bands ages', () => {
    expect([12, 15, 16, 17, 19].map((a) => bandOf(a, [15, 17]))).toEqual([
      '<15',
      '15-16',
      '15-16',
      '17+',
      '17+',
    ]);
    expect(bandOf(null, [15])).toBeNull();
  });
});

describe('evaluate', () => {
  it('gathers every metric with fairness by audit column', () => {
    const labels = [1, 0, 1, 0, 0, 0, 1, 0, 0, 0];
    const p = [0.9, 0.2, 0.7, 0.3, 0.1, 0.4, 0.35, 0.05, 0.15, 0.6];
    const sex = ['F', 'M', 'F', 'M', 'F', 'M', 'F', 'M', 'F', 'M'];
    const r = evaluate(labels, p, { groups: { sex } });
    expect(r.rows).toBe(10);
    expect(r.positives).toBe(3);
    expect(r.rocAuc).toBeCloseTo(rocAuc(labels, p), 12);
    expect(r.tiers.cutoffs.high).toBe(0.9);
    expect(r.fairness.sex?.groups).toHaveLength(2);
  });
});
