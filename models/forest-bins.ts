/**
 * Feature binning for tree training: every encoded feature is mapped to at most 256 ordered bins
 * (one per distinct value when there are few, else quantiles), so finding a split is a scan of a
 * histogram. A split "code <= b" is stored as "value <= upper[b]", so scoring needs no bins.
 */
export interface BinnedMatrix {
  rows: number;
  width: number;
  /** Column-major bin codes: codes[f * rows + i]. */
  codes: Uint8Array;
  /** Per feature, the upper value of each bin; the last bin's is +Infinity. */
  upper: Float64Array[];
  /** Per feature, the lowest training value in each bin (for random thresholds). */
  lowest: Float64Array[];
}

const maxBins = 256;

/** Bins a row-major matrix (rows × width) of encoded features. */
export function binMatrix(x: Float64Array, rows: number, width: number): BinnedMatrix {
  const codes = new Uint8Array(rows * width);
  const upper: Float64Array[] = [];
  const lowest: Float64Array[] = [];
  const column = new Float64Array(rows);
  for (let f = 0; f < width; f++) {
    for (let i = 0; i < rows; i++) column[i] = x[i * width + f] as number;
    const sorted = Float64Array.from(column).sort();
    const distinct: number[] = [];
    for (let i = 0; i < rows; i++) {
      const v = sorted[i] as number;
      if (i === 0 || v !== sorted[i - 1]) distinct.push(v);
    }
    // Cut between distinct values: all of them when few, else at evenly spaced quantiles.
    const cuts: number[] = [];
    if (distinct.length <= maxBins) {
      for (let k = 0; k + 1 < distinct.length; k++) cuts.push(k);
    } else {
      for (let b = 1; b < maxBins; b++) {
        const k = Math.floor((b * distinct.length) / maxBins) - 1;
        if (cuts.length === 0 || k > cuts[cuts.length - 1]!) cuts.push(k);
      }
    }
    const edges = new Float64Array(cuts.length + 1);
    cuts.forEach(
      (k, b) => (edges[b] = ((distinct[k] as number) + (distinct[k + 1] as number)) / 2),
    );
    edges[cuts.length] = Infinity;
    upper.push(edges);
    const low = new Float64Array(edges.length).fill(Infinity);
    for (let i = 0; i < rows; i++) {
      const v = column[i] as number;
      const b = binOf(edges, v);
      codes[f * rows + i] = b;
      if (v < (low[b] as number)) low[b] = v;
    }
    lowest.push(low);
  }
  return { rows, width, codes, upper, lowest };
}

/** The first bin whose upper value is at or above v. */
function binOf(edges: Float64Array, v: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Partitions the node's rows idx[start, end) in place: those whose bin on `feature` is at most
 * `bin` go left. Returns where the right child's rows begin. Forest and boosting split alike.
 */
export function partitionRows(
  m: BinnedMatrix,
  idx: Int32Array,
  start: number,
  end: number,
  feature: number,
  bin: number,
): number {
  const base = feature * m.rows;
  let lo = start;
  let hi = end - 1;
  while (lo <= hi) {
    if ((m.codes[base + (idx[lo] as number)] as number) <= bin) lo++;
    else {
      const t = idx[lo] as number;
      idx[lo] = idx[hi] as number;
      idx[hi] = t;
      hi--;
    }
  }
  return lo;
}
