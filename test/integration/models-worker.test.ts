import { describe, expect, it } from 'vitest';
import { createDataset } from '../../models/dataset';
import { isCancelled } from '../../models/errors';
import { createRng } from '../../models/rng';
import { loadScorer } from '../../models/scorer';
import type { TrainProgress } from '../../models/train';
import { trainInWorker } from '../../models/train-in-worker';

function synthetic(n: number) {
  const rng = createRng(9);
  const a = new Float64Array(n);
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    a[i] = rng.next();
    y.push(rng.next() < a[i]! ? 1 : 0);
  }
  return createDataset([{ name: 'a', kind: 'numeric', values: a }], y);
}

// Long enough to see the parent's timers tick, small enough to be quick.
const options = {
  candidates: ['logistic'] as 'logistic'[],
  validation: { method: 'split', fraction: 0.2 } as const,
  logistic: { maxEpochs: 60, patience: 60, batchSize: 8 },
};

describe('trainInWorker', () => {
  it('trains off the main thread: the parent keeps running timers between progress events', async () => {
    const timeline: ('tick' | 'progress')[] = [];
    const timer = setInterval(() => timeline.push('tick'), 1);
    const progress: TrainProgress[] = [];
    try {
      const result = await trainInWorker(synthetic(400), options, (p) => {
        progress.push(p);
        timeline.push('progress');
      });
      expect(loadScorer(result.artifact, result.sha256).scoreRow({ a: 0.9 })).toBeGreaterThan(0.5);
    } finally {
      clearInterval(timer);
    }
    const first = timeline.indexOf('progress');
    const last = timeline.lastIndexOf('progress');
    const ticksDuringTraining = timeline.slice(first, last).filter((e) => e === 'tick').length;
    expect(ticksDuringTraining).toBeGreaterThanOrEqual(10);
    expect(
      progress.filter((p) => p.candidate === 'logistic' && p.epoch !== undefined).length,
    ).toBeGreaterThan(10);
    expect(progress.every((p) => typeof p.stage === 'string')).toBe(true);
  });

  it('stops between epochs when cancelled and rejects with a clear cancelled error', async () => {
    const controller = new AbortController();
    const epochs: number[] = [];
    const run = trainInWorker(
      synthetic(400),
      options,
      (p) => {
        if (p.epoch !== undefined) epochs.push(p.epoch);
        if (p.epoch === 3) controller.abort();
      },
      controller.signal,
    );
    const error = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isCancelled(error)).toBe(true);
    expect((error as Error).message).toBe('Training was cancelled.');
    expect(Math.max(...epochs)).toBeLessThan(60);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      trainInWorker(synthetic(20), options, undefined, controller.signal),
    ).rejects.toThrow('Training was cancelled.');
  });

  it('passes the worker data errors through', async () => {
    const tiny = createDataset(
      [{ name: 'a', kind: 'numeric', values: Float64Array.from([1, 2, 3]) }],
      [0, 0, 1],
    );
    await expect(trainInWorker(tiny, options)).rejects.toMatchObject({ code: 'INVALID_DATA' });
  });
});
