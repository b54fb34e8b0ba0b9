import type { BinnedMatrix } from './forest-bins';
import { binMatrix, partitionRows } from './forest-bins';
import type { ForestSpec } from './model-spec';
import type { Rng } from './rng';
import type { TreeBuilder } from './tree-arrays';
import { emptyTrees, freezeTrees } from './tree-arrays';
import { createRng } from './rng';

export interface ForestOptions {
  trees: number;
  /** Features tried per split; default round(sqrt(width)). */
  featuresPerSplit?: number;
  minSamplesLeaf: number;
  maxDepth: number;
  /** 'best' searches every threshold (random forest); 'random' draws one per feature (extra trees). */
  splitter: 'best' | 'random';
  /** Draw each tree's rows with replacement (random forest) or use all rows (extra trees). */
  bootstrap: boolean;
  /** 'none' (default, as scikit-learn) or 'balanced': forests rank well without weighting. */
  classWeight: 'none' | 'balanced';
  seed: number;
}

export const defaultForestOptions: ForestOptions = {
  trees: 300,
  // Leaves of at least 5 rows give steadier vote shares than scikit-learn's 1 on small data.
  minSamplesLeaf: 5,
  maxDepth: 64,
  splitter: 'best',
  bootstrap: true,
  classWeight: 'none',
  seed: 1,
};

/**
 * Trains a random forest classifier (bootstrap rows, random features per split, Gini impurity,
 * optional class weights from `weights`), as scikit-learn's RandomForestClassifier does, on a
 * row-major encoded matrix. `checkpoint` runs between trees so a caller can cancel or report.
 */
export async function trainForest(
  x: Float64Array,
  width: number,
  y: Uint8Array,
  weights: Float64Array,
  options: ForestOptions,
  checkpoint?: (treesDone: number) => Promise<void> | void,
): Promise<ForestSpec> {
  const rows = y.length;
  const binned = binMatrix(x, rows, width);
  const rng = createRng(options.seed);
  const mtry = Math.max(
    1,
    Math.min(width, options.featuresPerSplit ?? Math.round(Math.sqrt(width))),
  );
  const out = emptyTrees();
  const work = new TreeWork(binned, y, mtry);
  for (let t = 0; t < options.trees; t++) {
    // Bootstrap as multiplicities, so a row drawn twice weighs twice.
    const w = new Float64Array(rows);
    if (options.bootstrap) for (let i = 0; i < rows; i++) w[rng.int(rows)]! += 1;
    else w.fill(1);
    if (options.classWeight === 'balanced')
      for (let i = 0; i < rows; i++) w[i]! *= weights[i] as number;
    out.roots.push(out.feature.length);
    work.grow(w, options, rng, out);
    if (checkpoint && (t + 1) % 25 === 0) await checkpoint(t + 1);
  }
  return { kind: 'forest', trees: freezeTrees(out) };
}

/** Scratch buffers reused across trees. */
class TreeWork {
  private readonly idx: Int32Array;
  private readonly histPos: Float64Array;
  private readonly histNeg: Float64Array;
  private readonly histCount: Int32Array;
  private readonly touched: Int32Array;
  private readonly order: Int32Array;

  constructor(
    private readonly binned: BinnedMatrix,
    private readonly y: Uint8Array,
    private readonly mtry: number,
  ) {
    this.idx = new Int32Array(binned.rows);
    this.histPos = new Float64Array(256);
    this.histNeg = new Float64Array(256);
    this.histCount = new Int32Array(256);
    this.touched = new Int32Array(256);
    this.order = new Int32Array(binned.width);
  }

  grow(w: Float64Array, options: ForestOptions, rng: Rng, out: TreeBuilder): void {
    const { rows, upper } = this.binned;
    let n = 0;
    for (let i = 0; i < rows; i++) if ((w[i] as number) > 0) this.idx[n++] = i;
    const stack: { start: number; end: number; depth: number; parent: number }[] = [
      { start: 0, end: n, depth: 0, parent: -1 },
    ];
    while (stack.length) {
      const node = stack.pop()!;
      const id = out.feature.length;
      if (node.parent >= 0) out.right[node.parent] = id;
      let pos = 0;
      let neg = 0;
      for (let k = node.start; k < node.end; k++) {
        const i = this.idx[k] as number;
        if (this.y[i] === 1) pos += w[i] as number;
        else neg += w[i] as number;
      }
      const count = node.end - node.start;
      const split =
        pos > 0 && neg > 0 && count >= 2 * options.minSamplesLeaf && node.depth < options.maxDepth
          ? this.bestSplit(node.start, node.end, w, pos, neg, options, rng)
          : null;
      if (!split) {
        out.feature.push(-1);
        out.threshold.push(0);
        out.right.push(-1);
        out.value.push(pos / (pos + neg));
        continue;
      }
      out.feature.push(split.feature);
      out.threshold.push(upper[split.feature]![split.bin] as number);
      out.right.push(-1);
      out.value.push(pos / (pos + neg));
      const lo = partitionRows(
        this.binned,
        this.idx,
        node.start,
        node.end,
        split.feature,
        split.bin,
      );
      // Right is pushed first so the left child is emitted next, at id + 1.
      stack.push({ start: lo, end: node.end, depth: node.depth + 1, parent: id });
      stack.push({ start: node.start, end: lo, depth: node.depth + 1, parent: -1 });
    }
  }

  /**
   * The split with the lowest weighted Gini impurity among `mtry` random features that vary in
   * the node (more are drawn when some are constant, as scikit-learn does), or null.
   */
  private bestSplit(
    start: number,
    end: number,
    w: Float64Array,
    pos: number,
    neg: number,
    options: ForestOptions,
    rng: Rng,
  ): { feature: number; bin: number } | null {
    const { rows, width, codes, lowest } = this.binned;
    const minLeaf = options.minSamplesLeaf;
    const order = this.order;
    for (let f = 0; f < width; f++) order[f] = f;
    let best: { feature: number; bin: number } | null = null;
    // Like scikit-learn, take the best valid split even when it does not lower the impurity.
    let bestImpurity = Infinity;
    let tried = 0;
    for (let k = 0; k < width && tried < this.mtry; k++) {
      // Partial Fisher-Yates: draw features without replacement.
      const j = k + rng.int(width - k);
      const f = order[j] as number;
      order[j] = order[k] as number;
      order[k] = f;
      const base = f * rows;
      let nTouched = 0;
      for (let r = start; r < end; r++) {
        const i = this.idx[r] as number;
        const b = codes[base + i] as number;
        if (this.histCount[b] === 0) this.touched[nTouched++] = b;
        this.histCount[b]!++;
        if (this.y[i] === 1) this.histPos[b]! += w[i] as number;
        else this.histNeg[b]! += w[i] as number;
      }
      if (nTouched > 1) {
        tried++;
        const bins = this.touched.subarray(0, nTouched).sort();
        let lPos = 0;
        let lNeg = 0;
        let lCount = 0;
        const count = end - start;
        // Extra trees: one threshold drawn uniformly between the node's lowest and highest value.
        let only = -1;
        if (options.splitter === 'random') {
          const low = lowest[f] as Float64Array;
          const lo = low[bins[0] as number] as number;
          const u = lo + rng.next() * ((low[bins[nTouched - 1] as number] as number) - lo);
          only = 0;
          while (only + 1 < nTouched - 1 && (low[bins[only + 1] as number] as number) <= u) only++;
        }
        for (let t = 0; t < nTouched - 1; t++) {
          const b = bins[t] as number;
          lPos += this.histPos[b] as number;
          lNeg += this.histNeg[b] as number;
          lCount += this.histCount[b] as number;
          if (only >= 0 && t !== only) continue;
          if (lCount < minLeaf || count - lCount < minLeaf) continue;
          const lW = lPos + lNeg;
          const rPos = pos - lPos;
          const rNeg = neg - lNeg;
          const rW = rPos + rNeg;
          if (lW <= 0 || rW <= 0) continue;
          const impurity = (2 * lPos * lNeg) / lW + (2 * rPos * rNeg) / rW;
          if (impurity < bestImpurity) {
            bestImpurity = impurity;
            best = { feature: f, bin: b };
          }
        }
      }
      for (let t = 0; t < nTouched; t++) {
        const b = this.touched[t] as number;
        this.histCount[b] = 0;
        this.histPos[b] = 0;
        this.histNeg[b] = 0;
      }
    }
    return best;
  }
}
