import type { BinnedMatrix } from './forest-bins';
import { binMatrix, partitionRows } from './forest-bins';
import type { BoostingSpec } from './model-spec';
import type { Rng } from './rng';
import { createRng } from './rng';

export interface BoostingOptions {
  /** Most rounds (trees); with validation rows, stops early on their log-loss. */
  maxRounds: number;
  learningRate: number;
  maxDepth: number;
  minSamplesLeaf: number;
  /** L2 penalty on leaf values (XGBoost's lambda). */
  l2: number;
  /** Share of rows each tree sees, drawn without replacement. */
  subsample: number;
  /** Share of features each tree may split on. */
  featureFraction: number;
  /** Rounds without a better validation loss before stopping. */
  patience: number;
  seed: number;
}

export const defaultBoostingOptions: BoostingOptions = {
  maxRounds: 500,
  learningRate: 0.05,
  maxDepth: 3,
  minSamplesLeaf: 10,
  l2: 1,
  subsample: 0.8,
  featureFraction: 0.5,
  patience: 30,
  seed: 1,
};

/** Encoded rows for boosting: the row-major matrix, labels and per-row weights. */
interface Rows {
  x: Float64Array;
  y: Uint8Array;
  weights: Float64Array;
}

/**
 * Gradient-boosted trees on the log-loss with Newton leaf values (as XGBoost and LightGBM do),
 * on histogram bins. With validation rows it keeps the round count with the lowest validation
 * log-loss; without, it runs exactly `maxRounds`. `checkpoint` runs every 25 rounds.
 */
export async function trainBoosting(
  train: Rows,
  width: number,
  valid: Rows | null,
  options: BoostingOptions,
  checkpoint?: (rounds: number, loss: number) => Promise<void> | void,
): Promise<BoostingSpec> {
  const rows = train.y.length;
  const binned = binMatrix(train.x, rows, width);
  const rng = createRng(options.seed);
  let wPos = 0;
  let wAll = 0;
  for (let i = 0; i < rows; i++) {
    wAll += train.weights[i] as number;
    if (train.y[i] === 1) wPos += train.weights[i] as number;
  }
  const p0 = Math.min(1 - 1e-6, Math.max(1e-6, wPos / wAll));
  const base = Math.log(p0 / (1 - p0));
  const spec: BoostingSpec = {
    kind: 'boosting',
    base,
    roots: [],
    feature: [],
    threshold: [],
    right: [],
    value: [],
  };
  const margin = new Float64Array(rows).fill(base);
  const validMargin = valid ? new Float64Array(valid.y.length).fill(base) : null;
  const g = new Float64Array(rows);
  const h = new Float64Array(rows);
  const builder = new NewtonTreeBuilder(binned, options);
  let bestLoss = Infinity;
  let bestRounds = 0;
  for (let round = 1; round <= options.maxRounds; round++) {
    for (let i = 0; i < rows; i++) {
      const p = 1 / (1 + Math.exp(-(margin[i] as number)));
      const w = train.weights[i] as number;
      g[i] = w * (p - (train.y[i] as number));
      h[i] = w * Math.max(p * (1 - p), 1e-12);
    }
    const start = spec.feature.length;
    spec.roots.push(start);
    builder.grow(g, h, rng, spec);
    // Apply the new tree to every training (and validation) row.
    for (let i = 0; i < rows; i++) margin[i]! += leafValue(spec, start, train.x, i * width);
    if (valid && validMargin) {
      for (let i = 0; i < validMargin.length; i++)
        validMargin[i]! += leafValue(spec, start, valid.x, i * width);
      const loss = logLoss(validMargin, valid.y, valid.weights);
      if (loss < bestLoss - 1e-9) {
        bestLoss = loss;
        bestRounds = round;
      } else if (round - bestRounds >= options.patience) break;
    }
    if (checkpoint && round % 25 === 0)
      await checkpoint(round, logLoss(margin, train.y, train.weights));
  }
  return valid ? truncate(spec, Math.max(1, bestRounds)) : spec;
}

function leafValue(spec: BoostingSpec, root: number, x: Float64Array, offset: number): number {
  let i = root;
  let f = spec.feature[i] as number;
  while (f >= 0) {
    i =
      (x[offset + f] as number) <= (spec.threshold[i] as number)
        ? i + 1
        : (spec.right[i] as number);
    f = spec.feature[i] as number;
  }
  return spec.value[i] as number;
}

function logLoss(margin: Float64Array, y: Uint8Array, w: Float64Array): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < margin.length; i++) {
    const z = margin[i] as number;
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    sum += (w[i] as number) * (softplus - (y[i] as number) * z);
    total += w[i] as number;
  }
  return sum / total;
}

/** The first `rounds` trees of a boosting spec (trees are stored one after another). */
function truncate(spec: BoostingSpec, rounds: number): BoostingSpec {
  if (rounds >= spec.roots.length) return spec;
  const end = spec.roots[rounds] as number;
  return {
    kind: 'boosting',
    base: spec.base,
    roots: spec.roots.slice(0, rounds),
    feature: spec.feature.slice(0, end),
    threshold: spec.threshold.slice(0, end),
    right: spec.right.slice(0, end),
    value: spec.value.slice(0, end),
  };
}

/** Grows one depth-limited regression tree on gradients and hessians by exact histogram gain. */
class NewtonTreeBuilder {
  private readonly idx: Int32Array;
  private readonly histG = new Float64Array(256);
  private readonly histH = new Float64Array(256);
  private readonly histCount = new Int32Array(256);
  private readonly touched = new Int32Array(256);
  private readonly features: Int32Array;

  constructor(
    private readonly binned: BinnedMatrix,
    private readonly options: BoostingOptions,
  ) {
    this.idx = new Int32Array(binned.rows);
    this.features = new Int32Array(binned.width).map((_, f) => f);
  }

  grow(g: Float64Array, h: Float64Array, rng: Rng, out: BoostingSpec): void {
    const { rows, width, upper } = this.binned;
    const { subsample, featureFraction, learningRate, l2, maxDepth, minSamplesLeaf } = this.options;
    // Rows for this tree: a random subsample without replacement.
    for (let i = 0; i < rows; i++) this.idx[i] = i;
    const n = Math.max(2, Math.round(rows * subsample));
    for (let i = 0; i < n; i++) {
      const j = i + rng.int(rows - i);
      const t = this.idx[i] as number;
      this.idx[i] = this.idx[j] as number;
      this.idx[j] = t;
    }
    // Features for this tree.
    const m = Math.max(1, Math.round(width * featureFraction));
    for (let k = 0; k < m; k++) {
      const j = k + rng.int(width - k);
      const t = this.features[k] as number;
      this.features[k] = this.features[j] as number;
      this.features[j] = t;
    }
    const stack: { start: number; end: number; depth: number; parent: number }[] = [
      { start: 0, end: n, depth: 0, parent: -1 },
    ];
    while (stack.length) {
      const node = stack.pop()!;
      const id = out.feature.length;
      if (node.parent >= 0) out.right[node.parent] = id;
      let G = 0;
      let H = 0;
      for (let k = node.start; k < node.end; k++) {
        const i = this.idx[k] as number;
        G += g[i] as number;
        H += h[i] as number;
      }
      const split =
        node.depth < maxDepth && node.end - node.start >= 2 * minSamplesLeaf
          ? this.bestSplit(node.start, node.end, g, h, G, H, m)
          : null;
      if (!split) {
        out.feature.push(-1);
        out.threshold.push(0);
        out.right.push(-1);
        out.value.push((-G / (H + l2)) * learningRate);
        continue;
      }
      out.feature.push(split.feature);
      out.threshold.push(upper[split.feature]![split.bin] as number);
      out.right.push(-1);
      out.value.push(0);
      const lo = partitionRows(
        this.binned,
        this.idx,
        node.start,
        node.end,
        split.feature,
        split.bin,
      );
      stack.push({ start: lo, end: node.end, depth: node.depth + 1, parent: id });
      stack.push({ start: node.start, end: lo, depth: node.depth + 1, parent: -1 });
    }
  }

  private bestSplit(
    start: number,
    end: number,
    g: Float64Array,
    h: Float64Array,
    G: number,
    H: number,
    m: number,
  ): { feature: number; bin: number } | null {
    const { rows, codes } = this.binned;
    const { l2, minSamplesLeaf } = this.options;
    const parent = (G * G) / (H + l2);
    let bestGain = 1e-12;
    let best: { feature: number; bin: number } | null = null;
    const count = end - start;
    for (let k = 0; k < m; k++) {
      const f = this.features[k] as number;
      const base = f * rows;
      let nTouched = 0;
      for (let r = start; r < end; r++) {
        const i = this.idx[r] as number;
        const b = codes[base + i] as number;
        if (this.histCount[b] === 0) this.touched[nTouched++] = b;
        this.histCount[b]!++;
        this.histG[b]! += g[i] as number;
        this.histH[b]! += h[i] as number;
      }
      const bins = this.touched.subarray(0, nTouched).sort();
      let lG = 0;
      let lH = 0;
      let lCount = 0;
      for (let t = 0; t < nTouched - 1; t++) {
        const b = bins[t] as number;
        lG += this.histG[b] as number;
        lH += this.histH[b] as number;
        lCount += this.histCount[b] as number;
        if (lCount < minSamplesLeaf || count - lCount < minSamplesLeaf) continue;
        const rG = G - lG;
        const rH = H - lH;
        const gain = (lG * lG) / (lH + l2) + (rG * rG) / (rH + l2) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          best = { feature: f, bin: b };
        }
      }
      for (let t = 0; t < nTouched; t++) {
        const b = this.touched[t] as number;
        this.histCount[b] = 0;
        this.histG[b] = 0;
        this.histH[b] = 0;
      }
    }
    return best;
  }
}
