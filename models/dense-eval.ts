import { ModelError } from './errors';
import type { RowScorer } from './trees-eval';
import type { TfSegment } from './tf-segment';

type Activation = (v: number) => number;

const activations: Record<string, Activation> = {
  linear: (v) => v,
  relu: (v) => (v > 0 ? v : 0),
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  tanh: (v) => Math.tanh(v),
  elu: (v) => (v > 0 ? v : Math.expm1(v)),
};

interface LayerConfig {
  class_name?: string;
  config?: { name?: string; units?: number; activation?: string; use_bias?: boolean };
}

interface DenseLayer {
  inputs: number;
  units: number;
  kernel: Float64Array;
  bias: Float64Array | null;
  activation: Activation;
}

/** A dense network compiled to typed arrays: its score and its exact contributions. */
export interface CompiledDense {
  /** The final layer's output (the logit) for an encoded row. */
  score: RowScorer;
  /**
   * DeepLIFT contributions (rescale rule) of the row at `offset` against the reference row at
   * `refOffset`: each input's share of raw(x) - raw(ref), added into `out`. The shares add up
   * exactly to that difference (each layer passes on Δoutput/Δinput along every unit), and for
   * a network without hidden layers they are the model's own terms w·(x - ref).
   */
  contributions(
    x: ArrayLike<number>,
    offset: number,
    ref: ArrayLike<number>,
    refOffset: number,
    out: Float64Array,
  ): { raw: number; bias: number };
}

/**
 * Compiles a tfjs Sequential model of Dense layers, read from its saved topology and float32
 * weights, into plain functions over encoded rows returning the final layer's output (the
 * logit). No tfjs is involved, so it is cheap to call per student.
 */
export function compileDense(segment: TfSegment, inputWidth: number): CompiledDense {
  const layers = readLayers(segment, inputWidth);
  const buffers = layers.map((l) => new Float64Array(l.units));
  // Pre-activations and activations of the row and the reference, for contributions.
  const zx = layers.map((l) => new Float64Array(l.units));
  const zr = layers.map((l) => new Float64Array(l.units));
  const ax = layers.map((l) => new Float64Array(l.units));
  const ar = layers.map((l) => new Float64Array(l.units));
  const mult = layers.map((l) => new Float64Array(Math.max(l.inputs, l.units)));
  const forward = (
    x: ArrayLike<number>,
    offset: number,
    z: Float64Array[],
    a: Float64Array[],
  ): number => {
    let input: ArrayLike<number> = x;
    let base = offset;
    for (let l = 0; l < layers.length; l++) {
      const { inputs, units, kernel, bias, activation } = layers[l] as DenseLayer;
      const pre = z[l] as Float64Array;
      const out = a[l] as Float64Array;
      if (bias) pre.set(bias);
      else pre.fill(0);
      for (let i = 0; i < inputs; i++) {
        const v = input[base + i] as number;
        if (v === 0) continue;
        const row = i * units;
        for (let j = 0; j < units; j++) pre[j]! += v * (kernel[row + j] as number);
      }
      for (let j = 0; j < units; j++) out[j] = activation(pre[j] as number);
      input = out;
      base = 0;
    }
    return input[0] as number;
  };
  return {
    score: (x, offset) => forward(x, offset, buffers, buffers),
    contributions(x, offset, ref, refOffset, out) {
      const raw = forward(x, offset, zx, ax);
      const bias = forward(ref, refOffset, zr, ar);
      // Multipliers on the last layer's outputs: d output / d output = 1.
      let m = mult[layers.length - 1] as Float64Array;
      m[0] = 1;
      for (let l = layers.length - 1; l >= 0; l--) {
        const { inputs, units, kernel, activation } = layers[l] as DenseLayer;
        const z1 = zx[l] as Float64Array;
        const z0 = zr[l] as Float64Array;
        // Rescale: Δactivation / Δpre-activation per unit (the slope where they are equal).
        for (let j = 0; j < units; j++) {
          const dz = (z1[j] as number) - (z0[j] as number);
          const slope =
            Math.abs(dz) > 1e-9
              ? (activation(z1[j] as number) - activation(z0[j] as number)) / dz
              : (activation((z1[j] as number) + 1e-6) - activation((z1[j] as number) - 1e-6)) /
                2e-6;
          m[j] = (m[j] as number) * slope;
        }
        const next = l > 0 ? (mult[l - 1] as Float64Array) : null;
        for (let i = 0; i < inputs; i++) {
          let s = 0;
          const row = i * units;
          for (let j = 0; j < units; j++) s += (kernel[row + j] as number) * (m[j] as number);
          if (next) next[i] = s;
          else out[i]! += s * ((x[offset + i] as number) - (ref[refOffset + i] as number));
        }
        if (next) m = next;
      }
      return { raw, bias };
    },
  };
}

function readLayers(segment: TfSegment, inputWidth: number): DenseLayer[] {
  const topology = segment.modelTopology as {
    class_name?: string;
    config?: { layers?: LayerConfig[] };
  };
  const configs = topology.config?.layers;
  if (topology.class_name !== 'Sequential' || !Array.isArray(configs) || configs.length === 0) {
    throw new ModelError(
      'ARTIFACT_INVALID',
      'The typed-array scorer reads only Sequential tfjs models.',
    );
  }
  const weights = new Map<string, { shape: number[]; values: Float32Array }>();
  let offset = 0;
  for (const spec of segment.weightSpecs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    weights.set(spec.name, {
      shape: spec.shape,
      values: new Float32Array(segment.weightData, offset, size),
    });
    offset += 4 * size;
  }
  let inputs = inputWidth;
  return configs.map((layer, index) => {
    const name = layer.config?.name ?? '';
    if (layer.class_name !== 'Dense') {
      throw new ModelError(
        'ARTIFACT_INVALID',
        `Layer "${name}" is a ${layer.class_name}; the typed-array scorer reads only Dense layers.`,
      );
    }
    const activationName = layer.config?.activation ?? 'linear';
    const activation = activations[activationName];
    if (!activation)
      throw new ModelError(
        'ARTIFACT_INVALID',
        `Layer "${name}" uses the activation "${activationName}", which the scorer does not know.`,
      );
    if (index === configs.length - 1 && activationName !== 'linear') {
      throw new ModelError(
        'ARTIFACT_INVALID',
        'The last layer must be linear: the scorer expects it to return a logit.',
      );
    }
    const kernel = weights.get(`${name}/kernel`);
    const units = layer.config?.units ?? 0;
    if (!kernel || kernel.shape[0] !== inputs || kernel.shape[1] !== units) {
      throw new ModelError(
        'ARTIFACT_INVALID',
        `Layer "${name}" has no ${inputs}×${units} kernel in the saved weights.`,
      );
    }
    const bias = layer.config?.use_bias === false ? null : weights.get(`${name}/bias`);
    if (bias === undefined || (bias && bias.shape[0] !== units)) {
      throw new ModelError(
        'ARTIFACT_INVALID',
        `Layer "${name}" has no bias of ${units} values in the saved weights.`,
      );
    }
    const dense: DenseLayer = {
      inputs,
      units,
      kernel: Float64Array.from(kernel.values),
      bias: bias ? Float64Array.from(bias.values) : null,
      activation,
    };
    inputs = units;
    return dense;
  });
}
