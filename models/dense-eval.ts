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

/**
 * Compiles a tfjs Sequential model of Dense layers, read from its saved topology and float32
 * weights, into a plain function over encoded rows returning the final layer's output (the logit).
 * No tfjs is involved, so it is cheap to call per student.
 */
export function compileDense(segment: TfSegment, inputWidth: number): RowScorer {
  const layers = readLayers(segment, inputWidth);
  const buffers = layers.map((l) => new Float64Array(l.units));
  return (x, offset) => {
    let input: ArrayLike<number> = x;
    let base = offset;
    for (let l = 0; l < layers.length; l++) {
      const { inputs, units, kernel, bias, activation } = layers[l] as DenseLayer;
      const out = buffers[l] as Float64Array;
      if (bias) out.set(bias);
      else out.fill(0);
      for (let i = 0; i < inputs; i++) {
        const v = input[base + i] as number;
        if (v === 0) continue;
        const row = i * units;
        for (let j = 0; j < units; j++) out[j]! += v * (kernel[row + j] as number);
      }
      for (let j = 0; j < units; j++) out[j] = activation(out[j] as number);
      input = out;
      base = 0;
    }
    return input[0] as number;
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
