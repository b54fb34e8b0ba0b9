import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createDataset } from '../../models/dataset';
import { createRng } from '../../models/rng';
import { loadScorer } from '../../models/scorer';
import { trainModel } from '../../models/train';

describe('tfjs backend fallback', () => {
  it('trains on the CPU backend when the WebAssembly files cannot be loaded', async () => {
    const rng = createRng(2);
    const a = Float64Array.from({ length: 120 }, () => rng.next());
    const y = Array.from(a, (v) => (rng.next() < v ? 1 : 0));
    const ds = createDataset([{ name: 'a', kind: 'numeric', values: a }], y);
    // A folder without the .wasm files: the WebAssembly backend really fails to start here.
    const r = await trainModel(ds, {
      candidates: ['logistic'],
      validation: { method: 'split', fraction: 0.25 },
      logistic: { maxEpochs: 5 },
      wasmPath: '/nonexistent-beacon-wasm/',
    });
    expect(r.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(loadScorer(r.artifact, r.sha256).scoreRow({ a: 0.5 })).toBeGreaterThan(0);
  });
});
