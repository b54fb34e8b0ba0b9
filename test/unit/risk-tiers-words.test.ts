import { describe, expect, it } from 'vitest';
import { fitPreprocessor } from '../../models/preprocess';
import { createDataset } from '../../models/dataset';
import { formatValue } from '../../models/format-factor';
import { deriveTierCutoffs, tierMetrics, tierOf } from '../../models/tiers';
import { buildFactors } from '../../main/backend/scoring/factors';
import { horizonWords, scoreWords } from '../../main/backend/scoring/risk-words';
import { schoolYearOf, temporalSplit } from '../../main/backend/training/temporal-split';

describe('tiers that never contradict their number', () => {
  const scores = Array.from({ length: 100 }, (_, i) => i / 1000); // 0 .. 0.099

  it('keeps a top-ranked student out of high when their probability is below the floor', () => {
    const ranked = deriveTierCutoffs(scores, { high: 0.1, medium: 0.15 });
    expect(tierOf(0.099, ranked)).toBe('high');
    const floored = deriveTierCutoffs(
      scores,
      { high: 0.1, medium: 0.15 },
      { high: 0.2, medium: 0.1 },
    );
    expect(floored).toEqual({ high: 0.2, medium: 0.1 });
    expect(scores.every((s) => tierOf(s, floored) === 'low')).toBe(true);
  });

  it('uses the rank when it is the stricter of the two', () => {
    const high = Array.from({ length: 100 }, (_, i) => 0.3 + i / 200); // 0.3 .. 0.795
    const c = deriveTierCutoffs(high, { high: 0.1, medium: 0.15 }, { high: 0.2, medium: 0.1 });
    expect(c.high).toBeCloseTo(0.75, 9);
    expect(high.filter((s) => tierOf(s, c) === 'high')).toHaveLength(10);
  });

  it('refuses floors in the wrong order, naming them', () => {
    expect(() => deriveTierCutoffs(scores, undefined, { high: 0.1, medium: 0.3 })).toThrow(
      'Tier floors must be between 0 and 1, medium at most high (high 0.1, medium 0.3).',
    );
  });

  it("reports the medium tier's own precision and recall", () => {
    const labels = [1, 1, 0, 1, 0, 0];
    const p = [0.9, 0.5, 0.5, 0.15, 0.15, 0.01];
    const m = tierMetrics(labels, p, { high: 0.6, medium: 0.1 });
    expect(m.medium).toEqual({ precision: 2 / 4, recall: 2 / 3, rows: 4 });
    expect(m.high).toMatchObject({ flagged: 1, precision: 1, recall: 1 / 3 });
  });
});

describe('scores and reasons in words', () => {
  it('says a probability as a frequency among similar students', () => {
    expect(scoreWords(0.06, 12)).toBe(
      'about 6 in 100 students with this record left school within a year',
    );
    expect(scoreWords(0.004, 12)).toBe(
      'fewer than 1 in 100 students with this record left school within a year',
    );
    expect(horizonWords(6)).toBe('within 6 months');
    expect(horizonWords(24)).toBe('within two years');
  });

  it('says changes in points, not percent', () => {
    const meta = { label: 'trend', format: 'points' as const, scale: 100 };
    expect(formatValue(-0.38, meta)).toBe('fell 38 points');
    expect(formatValue(0.01, meta)).toBe('rose 1 point');
    expect(formatValue(0.001, meta)).toBe('did not change');
  });

  it('never gives missing data as a reason: it is a data gap, shown apart', () => {
    const prep = fitPreprocessor(
      createDataset(
        [
          { name: 'attendance_trend', kind: 'numeric', values: Float64Array.from([-0.1, 0.1]) },
          { name: 'average_mark', kind: 'numeric', values: Float64Array.from([50, 70]) },
          { name: 'last_term_average', kind: 'numeric', values: Float64Array.from([50, 70]) },
        ],
        [1, 0],
      ),
    );
    // The model gave the imputed marks a large share; they still are no reason.
    const factors = buildFactors(
      prep,
      Float64Array.from([0.8, 1.5, 0.9]),
      { attendance_trend: -0.38, average_mark: null, last_term_average: null },
      { attendance_trend: 0, average_mark: 62, last_term_average: 61 },
    );
    expect(factors).toEqual([
      {
        feature: 'attendance_trend',
        text: 'attendance fell 38 points against the 30 school days before (school median: did not change)',
        direction: 'raises',
        weight: 0.8,
        value: -0.38,
        reference: 0,
        kind: 'indicator',
      },
      {
        feature: 'average_mark',
        text: 'no marks recorded',
        direction: 'lowers',
        weight: 0,
        value: null,
        reference: 62,
        kind: 'data_gap',
      },
      {
        feature: 'last_term_average',
        text: 'no marks recorded last term',
        direction: 'lowers',
        weight: 0,
        value: null,
        reference: 61,
        kind: 'data_gap',
      },
    ]);
  });
});

describe('the later period a candidate is judged on', () => {
  it('names school years by the calendar year they start in', () => {
    expect(schoolYearOf('2025-09-01', 9)).toBe(2025);
    expect(schoolYearOf('2026-03-01', 9)).toBe(2025);
    expect(schoolYearOf('2026-03-01', 2)).toBe(2026);
  });

  it('trains on earlier school years and judges on the last one, held-out students apart', () => {
    // Rows 0-19 in 2024-25, rows 20-39 in 2025-26; odd rows belong to held-out students.
    const dates = Array.from({ length: 40 }, (_, i) => (i < 20 ? '2024-11-01' : '2025-11-01'));
    const labels = Array.from({ length: 40 }, (_, i) => (i % 4 < 2 ? 1 : 0));
    const train = Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 2 === 0);
    const test = Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 2 === 1);
    const split = temporalSplit(dates, labels, train, test, 9);
    expect(split).toMatchObject({
      year: 2025,
      trainedOn: { from: '2024-11-01', to: '2024-11-01' },
      judgedOn: { from: '2025-11-01', to: '2025-11-01' },
    });
    expect(split?.validRows.every((i) => i >= 20 && i % 2 === 0)).toBe(true);
    expect(split?.judgeRows.every((i) => i >= 20 && i % 2 === 1)).toBe(true);
    // One school year only: nothing to judge on a later period.
    expect(
      temporalSplit(
        dates.map(() => '2025-11-01'),
        labels,
        train,
        test,
        9,
      ),
    ).toBeNull();
  });
});
