import type { BinnedMatrix } from './forest-bins';
import { binMatrix, partitionRows } from './forest-bins';
import type { BoostingSpec } from './model-spec';
import type { Rng } from './rng';
import { createRng } from './rng';
import type { TreeBuilder } from './tree-arrays';
import { emptyTrees, firstTrees, freezeTrees } from './tree-arrays';

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
  const out = emptyTrees();
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
    const start = out.feature.length;
    out.roots.push(start);
    builder.grow(g, h, rng, out);
    // Training rows walk the new tree on their bin codes (code <= bin is value <= threshold).
    builder.addTree(out, start, margin);
    if (valid && validMargin) {
      for (let i = 0; i < validMargin.length; i++)
        validMargin[i]! += leafValue(out, start, valid.x, i * width);
      const loss = logLoss(validMargin, valid.y, valid.weights);
      if (loss < bestLoss - 1e-9) {
        bestLoss = loss;
        bestRounds = round;
      } else if (round - bestRounds >= options.patience) break;
    }
    if (checkpoint && round % 25 === 0)
      await checkpoint(round, logLoss(margin, train.y, train.weights));
  }
  const trees = freezeTrees(out);
  return {
    kind: 'boosting',
    base,
    trees: valid ? firstTrees(trees, Math.max(1, bestRounds)) : trees,
  };
}

function leafValue(t: TreeBuilder, root: number, x: Float64Array, offset: number): number {
  let i = root;
  let f = t.feature[i] as number;
  while (f >= 0) {
    i = (x[offset + f] as number) <= (t.threshold[i] as number) ? i + 1 : (t.right[i] as number);
    f = t.feature[i] as number;
  }
  return t.value[i] as number;
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

const BINS = 256;

/** Gradient and hessian sums and row counts per (drawn feature, bin) of one node. */
interface Histogram {
  g: Float64Array;
  h: Float64Array;
  n: Int32Array;
}

/**
 * Grows one depth-limited regression tree on gradients and hessians by exact histogram gain.
 * Rows are read row-major (one row's bins sit together), each node's histogram is built only
 * for the smaller child and the larger one is the parent's minus it, as LightGBM does.
 */
class NewtonTreeBuilder {
  private readonly idx: Int32Array;
  private readonly features: Int32Array;
  /** Row-major bin codes: rowCodes[i * width + f]. */
  private readonly rowCodes: Uint8Array;
  /** Each tree's node → bin index of its split (for walking training rows on codes). */
  private splitBin: number[] = [];
  private readonly pool: Histogram[] = [];
  private m = 0;

  constructor(
    private readonly binned: BinnedMatrix,
    private readonly options: BoostingOptions,
  ) {
    const { rows, width, codes } = binned;
    this.idx = new Int32Array(rows);
    this.features = new Int32Array(width).map((_, f) => f);
    this.rowCodes = new Uint8Array(rows * width);
    for (let f = 0; f < width; f++)
      for (let i = 0; i < rows; i++) this.rowCodes[i * width + f] = codes[f * rows + i] as number;
  }

  grow(g: Float64Array, h: Float64Array, rng: Rng, out: TreeBuilder): void {
    const { rows, width } = this.binned;
    const { subsample, featureFraction } = this.options;
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
    this.m = Math.max(1, Math.round(width * featureFraction));
    for (let k = 0; k < this.m; k++) {
      const j = k + rng.int(width - k);
      const t = this.features[k] as number;
      this.features[k] = this.features[j] as number;
      this.features[j] = t;
    }
    this.splitBin = [];
    const root = this.take();
    this.fill(root, 0, n, g, h);
    let G = 0;
    let H = 0;
    for (let k = 0; k < n; k++) {
      const i = this.idx[k] as number;
      G += g[i] as number;
      H += h[i] as number;
    }
    this.node(0, n, 0, G, H, root, g, h, out, out.feature.length);
  }

  /** Adds the tree starting at `start` to every training row's margin, walking bin codes. */
  addTree(out: TreeBuilder, start: number, margin: Float64Array): void {
    const { rows, width } = this.binned;
    const codes = this.rowCodes;
    const { feature, right, value } = out;
    const bins = this.splitBin;
    for (let r = 0, base = 0; r < rows; r++, base += width) {
      let i = start;
      let f = feature[i] as number;
      while (f >= 0) {
        i =
          (codes[base + f] as number) <= (bins[i - start] as number) ? i + 1 : (right[i] as number);
        f = feature[i] as number;
      }
      margin[r]! += value[i] as number;
    }
  }

  /** Emits one node in pre-order (and its subtree); `hist` is this node's histogram. */
  private node(
    start: number,
    end: number,
    depth: number,
    G: number,
    H: number,
    hist: Histogram,
    g: Float64Array,
    h: Float64Array,
    out: TreeBuilder,
    treeStart: number,
  ): void {
    const { maxDepth, minSamplesLeaf, l2, learningRate } = this.options;
    const id = out.feature.length;
    const split =
      depth < maxDepth && end - start >= 2 * minSamplesLeaf
        ? this.bestSplit(hist, end - start, G, H)
        : null;
    // Every node keeps its own Newton step: a path's changes in value are its contributions.
    out.value.push((-G / (H + l2)) * learningRate);
    out.right.push(-1);
    if (!split) {
      out.feature.push(-1);
      out.threshold.push(0);
      this.splitBin[id - treeStart] = 0;
      this.give(hist);
      return;
    }
    out.feature.push(split.feature);
    out.threshold.push(this.binned.upper[split.feature]![split.bin] as number);
    this.splitBin[id - treeStart] = split.bin;
    const lo = partitionRows(this.binned, this.idx, start, end, split.feature, split.bin);
    // The smaller child is counted, the larger one is the parent minus it.
    const leftSmaller = lo - start <= end - lo;
    const small = this.take();
    if (leftSmaller) this.fill(small, start, lo, g, h);
    else this.fill(small, lo, end, g, h);
    subtractInto(hist, small, this.m * BINS);
    const [left, right] = leftSmaller ? [small, hist] : [hist, small];
    this.node(start, lo, depth + 1, split.lG, split.lH, left, g, h, out, treeStart);
    out.right[id] = out.feature.length;
    this.node(lo, end, depth + 1, G - split.lG, H - split.lH, right, g, h, out, treeStart);
  }

  private take(): Histogram {
    const size = this.binned.width * BINS;
    const hist = this.pool.pop() ?? {
      g: new Float64Array(size),
      h: new Float64Array(size),
      n: new Int32Array(size),
    };
    const used = this.m * BINS;
    hist.g.fill(0, 0, used);
    hist.h.fill(0, 0, used);
    hist.n.fill(0, 0, used);
    return hist;
  }

  private give(hist: Histogram): void {
    this.pool.push(hist);
  }

  private fill(hist: Histogram, start: number, end: number, g: Float64Array, h: Float64Array) {
    const { width } = this.binned;
    const m = this.m;
    const codes = this.rowCodes;
    const features = this.features;
    const hg = hist.g;
    const hh = hist.h;
    const hn = hist.n;
    for (let r = start; r < end; r++) {
      const i = this.idx[r] as number;
      const gi = g[i] as number;
      const hi = h[i] as number;
      const base = i * width;
      for (let k = 0, slot = 0; k < m; k++, slot += BINS) {
        const b = slot + (codes[base + (features[k] as number)] as number);
        hg[b]! += gi;
        hh[b]! += hi;
        hn[b]!++;
      }
    }
  }

  private bestSplit(
    hist: Histogram,
    count: number,
    G: number,
    H: number,
  ): { feature: number; bin: number; lG: number; lH: number } | null {
    const { l2, minSamplesLeaf } = this.options;
    const parent = (G * G) / (H + l2);
    let bestGain = 1e-12;
    let best: { feature: number; bin: number; lG: number; lH: number } | null = null;
    for (let k = 0; k < this.m; k++) {
      const f = this.features[k] as number;
      const bins = (this.binned.upper[f] as Float64Array).length;
      const slot = k * BINS;
      let lG = 0;
      let lH = 0;
      let lCount = 0;
      for (let b = 0; b < bins - 1; b++) {
        const n = hist.n[slot + b] as number;
        if (n === 0) continue;
        lG += hist.g[slot + b] as number;
        lH += hist.h[slot + b] as number;
        lCount += n;
        if (lCount >= count) break;
        if (lCount < minSamplesLeaf || count - lCount < minSamplesLeaf) continue;
        const rG = G - lG;
        const rH = H - lH;
        const gain = (lG * lG) / (lH + l2) + (rG * rG) / (rH + l2) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          best = { feature: f, bin: b, lG, lH };
        }
      }
    }
    return best;
  }
}

/** parent -= child over the first `used` slots (the drawn features' bins). */
function subtractInto(parent: Histogram, child: Histogram, used: number): void {
  for (let s = 0; s < used; s++) {
    parent.g[s]! -= child.g[s] as number;
    parent.h[s]! -= child.h[s] as number;
    parent.n[s]! -= child.n[s] as number;
  }
}
