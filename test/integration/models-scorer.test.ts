import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeArtifact, sha256Hex } from '../../models/artifact';
import { calibrate } from '../../models/calibration';
import type { Dataset } from '../../models/dataset';
import { createDataset, rowAt } from '../../models/dataset';
import { featureSchema, featureSchemaHash } from '../../models/feature-schema';
import { defaultForestOptions, trainForest } from '../../models/forest-train';
import type { Calibration } from '../../models/calibration';
import type { ModelHeader, ModelSpec } from '../../models/model-spec';
import { encodeDataset, fitPreprocessor } from '../../models/preprocess';
import { createRng } from '../../models/rng';
import { loadScorer } from '../../models/scorer';
import { loadModelBytes, saveModelBytes } from '../../models/tf-io';
import { initTf } from '../../models/tf-runtime';
import { trainNet } from '../../models/tf-train';

function synthetic(n: number, seed: number): Dataset {
  const rng = createRng(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const c: (string | null)[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    a[i] = rng.next() * 10;
    b[i] = rng.next() < 0.05 ? NaN : rng.next();
    c.push(['north', 'south', 'east'][rng.int(3)] ?? null);
    const z =
      0.6 * (a[i] as number) - 3 + (c[i] === 'north' ? 1 : 0) + 2 * ((b[i] as number) || 0) - 1;
    y.push(rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
  }
  return createDataset(
    [
      { name: 'a', kind: 'numeric', values: a },
      { name: 'b', kind: 'numeric', values: b },
      { name: 'c', kind: 'categorical', values: c },
    ],
    y,
  );
}

const platt: Calibration = { method: 'platt', a: 0.8, b: -0.3 };

async function trainedNet(hidden: number[]) {
  const ds = synthetic(200, 1);
  const prep = fitPreprocessor(ds);
  const x = encodeDataset(prep, ds);
  const net = await trainNet(
    { x, y: ds.labels, weights: new Float64Array(ds.rows).fill(1) },
    null,
    prep.width,
    { hidden, l2: 1e-3, learningRate: 0.05, batchSize: 32, maxEpochs: 15, patience: 5, seed: 3 },
  );
  return { ds, prep, x, model: net.model };
}

function artifactFor(
  ds: Dataset,
  prep: ReturnType<typeof fitPreprocessor>,
  model: ModelSpec,
  calibration: Calibration,
  segments: Uint8Array[],
) {
  const header: ModelHeader = {
    format: 'beacon-model',
    formatVersion: 1,
    kind: model.kind === 'ensemble' ? 'ensemble' : model.kind,
    preprocessor: prep,
    featureSchemaHash: featureSchemaHash(featureSchema(ds)),
    model,
    calibration,
  };
  const bytes = encodeArtifact(header, segments);
  return { bytes, sha: sha256Hex(bytes) };
}

beforeAll(async () => {
  await initTf();
});

describe('typed-array scorer', () => {
  for (const [kind, hidden] of [
    ['logistic', []],
    ['mlp', [8, 4]],
  ] as const) {
    it(`gives the same probabilities as tfjs predict for ${kind} (within 1e-6), calibration included`, async () => {
      const { ds, prep, x, model } = await trainedNet([...hidden]);
      const segment = await saveModelBytes(model);
      const { bytes, sha } = artifactFor(ds, prep, { kind, segment: 0 }, platt, [segment]);
      const scorer = loadScorer(bytes, sha);
      // tfjs side: the model as loaded back through our IOHandler, on the same encoded rows.
      const loaded = await loadModelBytes(segment);
      const logits = (
        loaded.predict(tf.tensor2d(Float32Array.from(x), [ds.rows, prep.width])) as tf.Tensor
      ).dataSync();
      const original = (
        model.predict(tf.tensor2d(Float32Array.from(x), [ds.rows, prep.width])) as tf.Tensor
      ).dataSync();
      expect(Array.from(logits)).toEqual(Array.from(original));
      let worst = 0;
      for (let i = 0; i < ds.rows; i++) {
        const fromTf = calibrate(platt, logits[i] as number, true);
        const fromRaw = scorer.scoreRow(rowAt(ds, i));
        worst = Math.max(
          worst,
          Math.abs(fromTf - fromRaw),
          Math.abs(scorer.probability(x, i * prep.width) - fromRaw),
        );
      }
      expect(worst).toBeLessThan(1e-6);
      expect(Array.from(scorer.scoreDataset(ds))).toEqual(
        Array.from(scorer.scoreRows(Array.from({ length: ds.rows }, (_, i) => rowAt(ds, i)))),
      );
      model.dispose();
      loaded.dispose();
    });
  }

  it('refuses an artifact whose bytes changed, naming the checksum', async () => {
    const { ds, prep, model } = await trainedNet([]);
    const { bytes, sha } = artifactFor(ds, prep, { kind: 'logistic', segment: 0 }, platt, [
      await saveModelBytes(model),
    ]);
    const tampered = bytes.slice();
    tampered[tampered.length - 1]! ^= 1;
    expect(() => loadScorer(tampered, sha)).toThrow(/does not match its recorded checksum/);
    expect(() => loadScorer(bytes, sha)).not.toThrow();
    expect(() => loadScorer(bytes.subarray(0, 10), sha256Hex(bytes.subarray(0, 10)))).toThrow(
      /not readable/,
    );
  });

  it('stores tree models as JSON in the same envelope', async () => {
    const ds = synthetic(200, 2);
    const prep = fitPreprocessor(ds);
    const x = encodeDataset(prep, ds);
    const forest = await trainForest(x, prep.width, ds.labels, new Float64Array(ds.rows).fill(1), {
      ...defaultForestOptions,
      trees: 10,
    });
    const { bytes, sha } = artifactFor(ds, prep, forest, { method: 'none' }, []);
    const scorer = loadScorer(bytes, sha);
    expect(scorer.header.model).toEqual(forest);
    const p = scorer.scoreRow(rowAt(ds, 0));
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
  });
});
