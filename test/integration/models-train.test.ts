import { describe, expect, it } from 'vitest';
import { syntheticSchool } from '../support/training-data';
import { logit } from '../../models/calibration';
import { createDataset, rowAt } from '../../models/dataset';
import { explainScore } from '../../models/explain';
import { loadScorer } from '../../models/scorer';
import type { TrainProgress } from '../../models/train';
import { trainModel } from '../../models/train';
import { isCancelled } from '../../models/errors';
import type { TrainOptionsInput } from '../../models/train-options';

const synthetic = (n: number, seed: number) => syntheticSchool(n, seed);

const fast: TrainOptionsInput = {
  logistic: { maxEpochs: 30 },
  mlp: { maxEpochs: 30, hidden: [8] },
  forest: { trees: 20 },
  boosting: { maxRounds: 60 },
  validation: { method: 'cv', folds: 3 },
};

describe('trainModel', () => {
  it('scores every candidate on validation, picks the best AUC and records why', async () => {
    const ds = synthetic(300, 1);
    const progress: TrainProgress[] = [];
    const r = await trainModel(ds, { ...fast, seed: 7 }, { onProgress: (p) => progress.push(p) });
    expect(r.candidates.map((c) => c.kind)).toEqual([
      'logistic',
      'mlp',
      'forest',
      'boosting',
      'ensemble',
    ]);
    const best = Math.max(...r.candidates.map((c) => c.validationAuc));
    expect(r.candidates.find((c) => c.kind === r.kind)?.validationAuc).toBe(best);
    expect(r.reason).toContain(`${r.kind} had the highest validation ROC-AUC`);
    expect(r.validation.rows).toBe(300);
    expect(r.validationPlan).toEqual({ method: 'cv', folds: 3 });
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(
      progress.some(
        (p) => p.stage === 'validate' && p.candidate === 'logistic' && typeof p.loss === 'number',
      ),
    ).toBe(true);
    expect(progress.at(-1)?.stage).toBe('package');
    const scorer = loadScorer(r.artifact, r.sha256);
    expect(scorer.header.featureSchemaHash).toBe(r.featureSchemaHash);
  });

  it('is reproducible: the same seed gives the same artifact bytes', async () => {
    const ds = synthetic(200, 2);
    const options: TrainOptionsInput = {
      ...fast,
      candidates: ['logistic', 'forest'],
      seed: 3,
    };
    const a = await trainModel(ds, options);
    const b = await trainModel(ds, options);
    expect(b.sha256).toBe(a.sha256);
    const c = await trainModel(ds, { ...options, seed: 4 });
    expect(c.sha256).not.toBe(a.sha256);
  });

  it('refuses data with too few rows of a class', async () => {
    const ds = createDataset(
      [{ name: 'a', kind: 'numeric', values: Float64Array.from([1, 2, 3]) }],
      [0, 0, 1],
    );
    await expect(trainModel(ds)).rejects.toThrow(
      'Training needs at least 2 rows of each outcome; there are 1 positive and 2 negative.',
    );
  });

  it('explains a logistic score exactly: factors add up to the log-odds gap to the reference row', async () => {
    const ds = synthetic(300, 3);
    const r = await trainModel(ds, {
      ...fast,
      candidates: ['logistic'],
      validation: { method: 'split', fraction: 0.25 },
    });
    expect(r.kind).toBe('logistic');
    const scorer = loadScorer(r.artifact, r.sha256);
    const row = { attendance: 0.65, failed: 3, town: 'north' };
    const factors = explainScore(scorer, row, { top: 10, minWeight: 0 });
    const reference = { attendance: 0.8, failed: 1, town: 'south' };
    const withRef = explainScore(scorer, row, { top: 10, minWeight: 0, reference });
    const total = withRef.reduce((s, f) => s + f.weight, 0);
    expect(total).toBeCloseTo(logit(scorer.scoreRow(row)) - logit(scorer.scoreRow(reference)), 9);
    const attendance = withRef.find((f) => f.feature === 'attendance');
    expect(attendance).toMatchObject({ value: 0.65, reference: 0.8, direction: 'raises' });
    const sizes = factors.map((f) => Math.abs(f.weight));
    expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
    expect(explainScore(scorer, rowAt(ds, 0), { only: 'raises' }).every((f) => f.weight > 0)).toBe(
      true,
    );
  });

  // The backend's training worker relies on this: a cancelled job sets the flag mid-training.
  it('stops between epochs when the signal is set and rejects with a clear cancelled error', async () => {
    const signal = { aborted: false };
    const epochs: number[] = [];
    const error = await trainModel(
      synthetic(400, 9),
      {
        candidates: ['logistic'],
        validation: { method: 'split', fraction: 0.2 },
        logistic: { maxEpochs: 60, patience: 60, batchSize: 8 },
      },
      {
        signal,
        onProgress: (p) => {
          if (p.epoch !== undefined) epochs.push(p.epoch);
          if (p.epoch === 3) signal.aborted = true;
        },
      },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isCancelled(error)).toBe(true);
    expect((error as Error).message).toBe('Training was cancelled.');
    expect(Math.max(...epochs)).toBeLessThan(60);
  });
});
