import { ModelError } from './errors';

/**
 * Maps a model's raw score to a probability. The raw score is the logit for logistic and MLP
 * models and the vote share for forests and ensembles; either way the map is fitted on the
 * validation split, never on the rows the model was fitted to.
 */
export type Calibration =
  | { method: 'none' }
  /** p = sigmoid(a * raw + b) */
  | { method: 'platt'; a: number; b: number }
  /** A non-decreasing step function: blocks of raw scores [lo, hi] with one probability each. */
  | { method: 'isotonic'; lo: number[]; hi: number[]; p: number[] };

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** The logit of a probability, clipped away from 0 and 1 so it stays finite. */
export const logit = (p: number): number => {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log(q / (1 - q));
};

/**
 * Platt scaling fitted by Newton's method with Platt's smoothed targets (Lin, Lin and Weng 2007),
 * which keeps the fit finite when the validation rows are perfectly separated.
 */
export function fitPlatt(raw: ArrayLike<number>, labels: ArrayLike<number>): Calibration {
  const n = raw.length;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += labels[i] as number;
  const neg = n - pos;
  if (pos === 0 || neg === 0)
    throw new ModelError('INVALID_DATA', 'Calibration needs both classes in the validation rows.');
  const hiT = (pos + 1) / (pos + 2);
  const loT = 1 / (neg + 2);
  let a = 0;
  let b = Math.log((pos + 1) / (neg + 1));
  const loss = (A: number, B: number): number => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const t = labels[i] === 1 ? hiT : loT;
      const z = A * (raw[i] as number) + B;
      // log(1 + e^z) - t z, written to stay finite for large |z|
      f += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z;
    }
    return f;
  };
  let f = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let g1 = 0;
    let g2 = 0;
    let h11 = 1e-12;
    let h22 = 1e-12;
    let h21 = 0;
    for (let i = 0; i < n; i++) {
      const x = raw[i] as number;
      const t = labels[i] === 1 ? hiT : loT;
      const p = sigmoid(a * x + b);
      const d = p - t;
      const w = p * (1 - p);
      g1 += d * x;
      g2 += d;
      h11 += w * x * x;
      h22 += w;
      h21 += w * x;
    }
    if (Math.abs(g1) < 1e-10 && Math.abs(g2) < 1e-10) break;
    const det = h11 * h22 - h21 * h21;
    const da = -(h22 * g1 - h21 * g2) / det;
    const db = -(-h21 * g1 + h11 * g2) / det;
    // Backtrack until the loss goes down: Newton steps can overshoot on tiny validation sets.
    let step = 1;
    for (; step >= 1e-10; step /= 2) {
      const nf = loss(a + step * da, b + step * db);
      if (nf < f + 1e-4 * step * (g1 * da + g2 * db)) {
        a += step * da;
        b += step * db;
        f = nf;
        break;
      }
    }
    if (step < 1e-10) break;
  }
  return { method: 'platt', a, b };
}

/** Isotonic regression by pool-adjacent-violators: a non-decreasing map from raw score to rate. */
export function fitIsotonic(raw: ArrayLike<number>, labels: ArrayLike<number>): Calibration {
  const order = Array.from({ length: raw.length }, (_, i) => i).sort(
    (i, j) => (raw[i] as number) - (raw[j] as number),
  );
  const blocks: { lo: number; hi: number; sum: number; n: number }[] = [];
  for (const i of order) {
    const x = raw[i] as number;
    const last = blocks[blocks.length - 1];
    // Equal raw scores always share a block: a step function cannot split them.
    if (last && last.hi === x) {
      last.sum += labels[i] as number;
      last.n++;
    } else blocks.push({ lo: x, hi: x, sum: labels[i] as number, n: 1 });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1]!;
      const a = blocks[blocks.length - 2]!;
      if (a.sum / a.n < b.sum / b.n) break;
      blocks.splice(blocks.length - 2, 2, { lo: a.lo, hi: b.hi, sum: a.sum + b.sum, n: a.n + b.n });
    }
  }
  return {
    method: 'isotonic',
    lo: blocks.map((b) => b.lo),
    hi: blocks.map((b) => b.hi),
    p: blocks.map((b) => b.sum / b.n),
  };
}

/** The calibrated probability for one raw score. */
export function calibrate(cal: Calibration, raw: number, rawIsLogit: boolean): number {
  switch (cal.method) {
    case 'none':
      return rawIsLogit ? sigmoid(raw) : raw;
    case 'platt':
      return sigmoid(cal.a * raw + cal.b);
    case 'isotonic':
      return isotonicAt(cal, raw);
  }
}

function isotonicAt(cal: { lo: number[]; hi: number[]; p: number[] }, x: number): number {
  const n = cal.p.length;
  if (n === 0) return 0.5;
  if (x <= cal.hi[0]!) return cal.p[0]!;
  if (x >= cal.lo[n - 1]!) return cal.p[n - 1]!;
  // Find the first block whose upper end is at or above x.
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cal.hi[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  if (x >= cal.lo[lo]!) return cal.p[lo]!;
  // Between two blocks: interpolate linearly, as scikit-learn's isotonic regression does.
  const x0 = cal.hi[lo - 1]!;
  const x1 = cal.lo[lo]!;
  const t = (x - x0) / (x1 - x0);
  return cal.p[lo - 1]! + t * (cal.p[lo]! - cal.p[lo - 1]!);
}
