import * as tf from '@tensorflow/tfjs';
import { createRng, shuffleInPlace } from './rng';

export interface NetOptions {
  /** Hidden layer sizes: [] is logistic regression, [16] or [32, 16] a small MLP. */
  hidden: number[];
  /** L2 penalty on kernels, added to the mean weighted log-loss. */
  l2: number;
  learningRate: number;
  batchSize: number;
  maxEpochs: number;
  /** Stop after this many epochs without a better validation loss. */
  patience: number;
  seed: number;
}

/** Rows ready for tfjs: a row-major float matrix, labels and per-row weights (class weighting). */
export interface NetData {
  x: Float64Array;
  y: Uint8Array;
  weights: Float64Array;
}

export interface EpochReport {
  epoch: number;
  loss: number;
  validationLoss: number | null;
}

export interface NetHooks {
  /** Called after every epoch; may throw (e.g. to cancel), which stops training. */
  onEpoch?(report: EpochReport): void | Promise<void>;
}

export interface TrainedNet {
  model: tf.Sequential;
  /** The epoch whose weights were kept (best validation loss, or the last with no validation). */
  bestEpoch: number;
  epochsRun: number;
  bestValidationLoss: number | null;
}

/** A Sequential network of Dense layers with seeded initialisers; the output is a logit. */
export function buildNet(width: number, hidden: number[], seed: number): tf.Sequential {
  const rng = createRng(seed);
  // Fixed names keep the saved topology, and so the artifact's sha256, the same run after run.
  const model = tf.sequential({ name: 'beacon_net' });
  const sizes = [...hidden, 1];
  sizes.forEach((units, i) => {
    const last = i === sizes.length - 1;
    model.add(
      tf.layers.dense({
        name: last ? 'output' : `hidden${i + 1}`,
        units,
        activation: last ? 'linear' : 'relu',
        inputShape: i === 0 ? [width] : undefined,
        kernelInitializer: last
          ? tf.initializers.glorotUniform({ seed: rng.seed() })
          : tf.initializers.heUniform({ seed: rng.seed() }),
        biasInitializer: 'zeros',
      }),
    );
  });
  return model;
}

/**
 * Trains a network by mini-batch Adam on the class-weighted log-loss, in a loop of our own so the
 * batch order is seeded (tfjs' fit shuffles with Math.random) and cancel can act between epochs.
 * With validation rows it stops early and restores the best epoch's weights; without, it runs
 * exactly `maxEpochs` (used to refit on all rows for the epoch count validation chose).
 */
export async function trainNet(
  train: NetData,
  validation: NetData | null,
  width: number,
  options: NetOptions,
  hooks: NetHooks = {},
): Promise<TrainedNet> {
  const rng = createRng(options.seed);
  const model = buildNet(width, options.hidden, rng.seed());
  const optimizer = tf.train.adam(options.learningRate);
  const n = train.y.length;
  const xAll = tf.tensor2d(Float32Array.from(train.x), [n, width]);
  const yAll = tf.tensor2d(Float32Array.from(train.y), [n, 1]);
  const wAll = tf.tensor2d(Float32Array.from(train.weights), [n, 1]);
  const valid = validation
    ? {
        x: tf.tensor2d(Float32Array.from(validation.x), [validation.y.length, width]),
        y: tf.tensor2d(Float32Array.from(validation.y), [validation.y.length, 1]),
        w: tf.tensor2d(Float32Array.from(validation.weights), [validation.y.length, 1]),
      }
    : null;
  const kernels = model.trainableWeights
    .filter((w) => w.originalName.endsWith('/kernel'))
    .map((w) => w.read());
  const trainable = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const order = new Int32Array(n).map((_, i) => i);
  let best: tf.Tensor[] | null = null;
  let bestLoss = Infinity;
  let bestEpoch = 0;
  let epoch = 0;
  try {
    for (epoch = 1; epoch <= options.maxEpochs; epoch++) {
      shuffleInPlace(order, rng);
      let lossSum = 0;
      for (let start = 0; start < n; start += options.batchSize) {
        const batch = order.subarray(start, Math.min(n, start + options.batchSize));
        const loss = tf.tidy(() => {
          const index = tf.tensor1d(batch, 'int32');
          const xb = tf.gather(xAll, index);
          const yb = tf.gather(yAll, index);
          const wb = tf.gather(wAll, index);
          const value = optimizer.minimize(
            () =>
              weightedLoss(
                model.apply(xb, { training: true }) as tf.Tensor,
                yb,
                wb,
                kernels,
                options.l2,
              ),
            true,
            trainable,
          );
          return value ?? tf.scalar(NaN);
        });
        lossSum += (loss.dataSync()[0] ?? NaN) * batch.length;
        loss.dispose();
      }
      const validationLoss = valid
        ? tf.tidy(
            () =>
              weightedLoss(
                model.predict(valid.x) as tf.Tensor,
                valid.y,
                valid.w,
                [],
                0,
              ).dataSync()[0] ?? NaN,
          )
        : null;
      await hooks.onEpoch?.({ epoch, loss: lossSum / n, validationLoss });
      if (validationLoss === null) continue;
      if (validationLoss < bestLoss - 1e-6) {
        bestLoss = validationLoss;
        bestEpoch = epoch;
        best?.forEach((t) => t.dispose());
        best = model.getWeights().map((t) => t.clone());
      } else if (epoch - bestEpoch >= options.patience) break;
    }
    if (best) model.setWeights(best);
  } finally {
    best?.forEach((t) => t.dispose());
    tf.dispose([xAll, yAll, wAll]);
    if (valid) tf.dispose([valid.x, valid.y, valid.w]);
    optimizer.dispose();
  }
  const epochsRun = Math.min(epoch, options.maxEpochs);
  return {
    model,
    bestEpoch: valid ? bestEpoch : epochsRun,
    epochsRun,
    bestValidationLoss: valid ? bestLoss : null,
  };
}

/** Mean class-weighted log-loss on logits, plus the L2 penalty on the given kernels. */
function weightedLoss(
  logits: tf.Tensor,
  y: tf.Tensor,
  w: tf.Tensor,
  kernels: tf.Tensor[],
  l2: number,
): tf.Scalar {
  // log(1 + e^z) - y z, stable for large |z|
  const perRow = tf.sub(tf.softplus(logits), tf.mul(y, logits));
  let loss = tf.div(tf.sum(tf.mul(perRow, w)), tf.sum(w)) as tf.Scalar;
  for (const k of kernels) loss = tf.add(loss, tf.mul(l2, tf.sum(tf.square(k)))) as tf.Scalar;
  return loss;
}
