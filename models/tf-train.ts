import { dispose, tensor } from '@tensorflow/tfjs-core';
import { initializers, layers, sequential, type Sequential } from '@tensorflow/tfjs-layers';
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
  model: Sequential;
  /** The epoch whose weights were kept (best validation loss, or the last with no validation). */
  bestEpoch: number;
  epochsRun: number;
  bestValidationLoss: number | null;
}

/** A Sequential network of Dense layers with seeded initialisers; the output is a logit. */
export function buildNet(width: number, hidden: number[], seed: number): Sequential {
  const rng = createRng(seed);
  // Fixed names keep the saved topology, and so the artifact's sha256, the same run after run.
  const model = sequential({ name: 'beacon_net' });
  const sizes = [...hidden, 1];
  sizes.forEach((units, i) => {
    const last = i === sizes.length - 1;
    model.add(
      layers.dense({
        name: last ? 'output' : `hidden${i + 1}`,
        units,
        activation: last ? 'linear' : 'relu',
        inputShape: i === 0 ? [width] : undefined,
        kernelInitializer: last
          ? initializers.glorotUniform({ seed: rng.seed() })
          : initializers.heUniform({ seed: rng.seed() }),
        biasInitializer: 'zeros',
      }),
    );
  });
  return model;
}

/**
 * Trains a network by mini-batch Adam on the class-weighted log-loss, in a loop of our own so the
 * batch order is seeded and cancel can act between epochs. The arithmetic runs on typed arrays in
 * this thread, not through tfjs: a step of a network this small is a few thousand multiply-adds,
 * and tfjs spent far longer per step dispatching its ops (ten times the whole epoch, measured on
 * the demo school; see docs/model.md). tfjs still gives the seeded initial weights, and the
 * trained weights go back into its model so the artifact keeps tfjs' format. The update is tfjs'
 * Adam (epsilon 1e-7, bias-corrected moments) on the same loss, in float64.
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
  const net = DenseNet.fromWeights(
    [width, ...options.hidden, 1],
    model.getWeights().map((t) => Float64Array.from(t.dataSync())),
  );
  const adam = new Adam(net.params, options.learningRate);
  const n = train.y.length;
  const order = new Int32Array(n).map((_, i) => i);
  let best: Float64Array[] | null = null;
  let bestLoss = Infinity;
  let bestEpoch = 0;
  let epoch = 0;
  for (epoch = 1; epoch <= options.maxEpochs; epoch++) {
    shuffleInPlace(order, rng);
    let lossSum = 0;
    for (let start = 0; start < n; start += options.batchSize) {
      const batch = order.subarray(start, Math.min(n, start + options.batchSize));
      lossSum += net.batchGradient(train, batch, options.l2) * batch.length;
      adam.step(net.params, net.grads);
    }
    const validationLoss = validation ? net.loss(validation) : null;
    await hooks.onEpoch?.({ epoch, loss: lossSum / n, validationLoss });
    if (validationLoss === null) continue;
    if (validationLoss < bestLoss - 1e-6) {
      bestLoss = validationLoss;
      bestEpoch = epoch;
      best = net.params.map((p) => p.slice());
    } else if (epoch - bestEpoch >= options.patience) break;
  }
  const kept = best ?? net.params;
  const shapes = model.getWeights().map((t) => t.shape);
  const tensors = kept.map((p, i) => tensor(Float32Array.from(p), shapes[i]));
  model.setWeights(tensors);
  dispose(tensors);
  const epochsRun = Math.min(epoch, options.maxEpochs);
  return {
    model,
    bestEpoch: validation ? bestEpoch : epochsRun,
    epochsRun,
    bestValidationLoss: validation ? bestLoss : null,
  };
}

/**
 * Dense layers (ReLU hidden, linear output) over typed arrays: `params` alternate kernel
 * ([inputs × units], row-major as tfjs keeps it) and bias, and `grads` mirror them.
 */
export class DenseNet {
  readonly grads: Float64Array[];
  /** Per layer, its outputs for the row in hand (after ReLU for hidden layers). */
  private readonly act: Float64Array[];
  private readonly delta: Float64Array[];

  private constructor(
    private readonly sizes: number[],
    readonly params: Float64Array[],
  ) {
    this.grads = params.map((p) => new Float64Array(p.length));
    this.act = sizes.slice(1).map((s) => new Float64Array(s));
    this.delta = sizes.map((s) => new Float64Array(s));
  }

  /** `sizes` from inputs to the single output; `weights` as tfjs' getWeights orders them. */
  static fromWeights(sizes: number[], weights: Float64Array[]): DenseNet {
    if (weights.length !== 2 * (sizes.length - 1))
      throw new Error('A dense network needs one kernel and one bias per layer.');
    return new DenseNet(sizes, weights);
  }

  /** The logit of row `offset` of `x`, leaving every layer's outputs in `act`. */
  forward(x: ArrayLike<number>, offset: number): number {
    const { sizes, params, act } = this;
    const layers = sizes.length - 1;
    let input: ArrayLike<number> = x;
    let at = offset;
    for (let l = 0; l < layers; l++) {
      const inputs = sizes[l] as number;
      const units = sizes[l + 1] as number;
      const kernel = params[2 * l] as Float64Array;
      const out = act[l] as Float64Array;
      out.set(params[2 * l + 1] as Float64Array);
      for (let p = 0; p < inputs; p++) {
        const a = input[at + p] as number;
        // One-hot inputs are mostly zero: skipping them is most of a row's work saved.
        if (a === 0) continue;
        for (let j = 0, k = p * units; j < units; j++, k++) out[j]! += a * (kernel[k] as number);
      }
      if (l < layers - 1) for (let j = 0; j < units; j++) if ((out[j] as number) < 0) out[j] = 0;
      input = out;
      at = 0;
    }
    return (act[layers - 1] as Float64Array)[0] as number;
  }

  /**
   * Gradients of the batch's mean weighted log-loss plus the L2 penalty on kernels into
   * `grads`; answers that loss.
   */
  batchGradient(data: NetData, batch: Int32Array, l2: number): number {
    const { sizes, params, grads, act, delta } = this;
    const width = sizes[0] as number;
    const layers = sizes.length - 1;
    for (const g of grads) g.fill(0);
    let wSum = 0;
    for (let k = 0; k < batch.length; k++) wSum += data.weights[batch[k] as number] as number;
    let loss = 0;
    for (let k = 0; k < batch.length; k++) {
      const i = batch[k] as number;
      const offset = i * width;
      const z = this.forward(data.x, offset);
      const y = data.y[i] as number;
      const w = (data.weights[i] as number) / wSum;
      loss += w * (softplus(z) - y * z);
      (delta[layers] as Float64Array)[0] = w * (sigmoid(z) - y);
      for (let l = layers - 1; l >= 0; l--) {
        const inputs = sizes[l] as number;
        const units = sizes[l + 1] as number;
        const kernel = params[2 * l] as Float64Array;
        const gK = grads[2 * l] as Float64Array;
        const gB = grads[2 * l + 1] as Float64Array;
        const dOut = delta[l + 1] as Float64Array;
        for (let j = 0; j < units; j++) gB[j]! += dOut[j] as number;
        const input: ArrayLike<number> = l === 0 ? data.x : (act[l - 1] as Float64Array);
        const at = l === 0 ? offset : 0;
        if (l === 0) {
          // The inputs need no gradient of their own, and a zero input adds nothing to its row.
          for (let p = 0; p < inputs; p++) {
            const a = input[at + p] as number;
            if (a === 0) continue;
            for (let j = 0, q = p * units; j < units; j++, q++) gK[q]! += a * (dOut[j] as number);
          }
          continue;
        }
        const dIn = delta[l] as Float64Array;
        for (let p = 0; p < inputs; p++) {
          const a = input[at + p] as number;
          let back = 0;
          for (let j = 0, q = p * units; j < units; j++, q++) {
            gK[q]! += a * (dOut[j] as number);
            back += (kernel[q] as number) * (dOut[j] as number);
          }
          // ReLU passes the gradient only where the unit was active (its output is above 0).
          dIn[p] = a > 0 ? back : 0;
        }
      }
    }
    for (let l = 0; l < layers; l++) {
      const kernel = params[2 * l] as Float64Array;
      const gK = grads[2 * l] as Float64Array;
      let squares = 0;
      for (let q = 0; q < kernel.length; q++) {
        const v = kernel[q] as number;
        squares += v * v;
        gK[q]! += 2 * l2 * v;
      }
      loss += l2 * squares;
    }
    return loss;
  }

  /** The mean weighted log-loss over every row of `data` (no penalty). */
  loss(data: NetData): number {
    const width = this.sizes[0] as number;
    let sum = 0;
    let wSum = 0;
    for (let i = 0; i < data.y.length; i++) {
      const z = this.forward(data.x, i * width);
      const w = data.weights[i] as number;
      sum += w * (softplus(z) - (data.y[i] as number) * z);
      wSum += w;
    }
    return sum / wSum;
  }
}

/** tfjs' Adam (beta1 0.9, beta2 0.999, epsilon 1e-7), one moment pair per parameter array. */
class Adam {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private beta1Power = 1;
  private beta2Power = 1;

  constructor(
    params: Float64Array[],
    private readonly learningRate: number,
  ) {
    this.m = params.map((p) => new Float64Array(p.length));
    this.v = params.map((p) => new Float64Array(p.length));
  }

  step(params: Float64Array[], grads: Float64Array[]): void {
    const b1 = 0.9;
    const b2 = 0.999;
    this.beta1Power *= b1;
    this.beta2Power *= b2;
    const c1 = 1 - this.beta1Power;
    const c2 = 1 - this.beta2Power;
    for (let a = 0; a < params.length; a++) {
      const p = params[a] as Float64Array;
      const g = grads[a] as Float64Array;
      const m = this.m[a] as Float64Array;
      const v = this.v[a] as Float64Array;
      for (let i = 0; i < p.length; i++) {
        const gi = g[i] as number;
        const mi = (m[i] = b1 * (m[i] as number) + (1 - b1) * gi);
        const vi = (v[i] = b2 * (v[i] as number) + (1 - b2) * gi * gi);
        p[i]! -= (this.learningRate * (mi / c1)) / (Math.sqrt(vi / c2) + 1e-7);
      }
    }
  }
}

const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
