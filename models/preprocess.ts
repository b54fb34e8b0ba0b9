import type { Dataset, RawRow } from './dataset';
import { toCategory, toNumber } from './dataset';
import { ModelError } from './errors';

/** How one numeric input is standardised; a missing value becomes the mean (0 after scaling). */
export interface NumericPrep {
  name: string;
  kind: 'numeric';
  mean: number;
  std: number;
  median: number;
}

/** How one categorical input is one-hot encoded; an unseen or missing category is all zeros. */
export interface CategoricalPrep {
  name: string;
  kind: 'categorical';
  categories: string[];
  /** The most frequent training category: the reference value for explanations. */
  mode: string | null;
}

export type ColumnPrep = NumericPrep | CategoricalPrep;

/** Preprocessing fitted on training rows only; plain JSON, stored in the model artifact. */
export interface Preprocessor {
  columns: ColumnPrep[];
  /** Number of encoded features (numeric columns plus one per known category). */
  width: number;
  /** Encoded feature names: `name` for numeric, `name=category` for one-hot. */
  featureNames: string[];
}

/** Fits standardisation and one-hot categories on `dataset` (pass the training split only). */
export function fitPreprocessor(dataset: Dataset): Preprocessor {
  const columns = dataset.columns.map((c): ColumnPrep => {
    if (c.kind === 'numeric') {
      const known = Array.from(c.values).filter((v) => !Number.isNaN(v));
      if (known.length === 0) return { name: c.name, kind: 'numeric', mean: 0, std: 1, median: 0 };
      const mean = known.reduce((s, v) => s + v, 0) / known.length;
      const variance = known.reduce((s, v) => s + (v - mean) ** 2, 0) / known.length;
      const std = Math.sqrt(variance);
      // A constant column carries no information; scaling by 1 keeps it at zero, not NaN.
      return {
        name: c.name,
        kind: 'numeric',
        mean,
        std: std > 1e-12 ? std : 1,
        median: median(known),
      };
    }
    const counts = new Map<string, number>();
    for (const v of c.values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
    const categories = [...counts.keys()].sort();
    let mode: string | null = null;
    for (const cat of categories)
      if (mode === null || counts.get(cat)! > counts.get(mode)!) mode = cat;
    return { name: c.name, kind: 'categorical', categories, mode };
  });
  const featureNames = columns.flatMap((c) =>
    c.kind === 'numeric' ? [c.name] : c.categories.map((cat) => `${c.name}=${cat}`),
  );
  return { columns, width: featureNames.length, featureNames };
}

/** Writes one row's encoded features into `out` at `offset`. */
export type RowEncoder = (row: RawRow, out: Float64Array, offset?: number) => void;

/** Compiles the preprocessing into a fast encoder for single rows (category lookups prebuilt). */
export function compileEncoder(prep: Preprocessor): RowEncoder {
  const steps = prep.columns.map((c) => {
    if (c.kind === 'numeric') return { c, index: null };
    return { c, index: new Map(c.categories.map((cat, i) => [cat, i])) };
  });
  return (row, out, offset = 0) => {
    let k = offset;
    for (const { c, index } of steps) {
      const raw = row[c.name];
      if (c.kind === 'numeric') {
        const v = toNumber(raw);
        out[k++] = Number.isNaN(v) ? 0 : (v - c.mean) / c.std;
      } else {
        const cat = toCategory(raw);
        const hit = cat === null ? undefined : index!.get(cat);
        for (let j = 0; j < c.categories.length; j++) out[k + j] = j === hit ? 1 : 0;
        k += c.categories.length;
      }
    }
  };
}

/** Encodes a whole dataset into a row-major matrix (rows × width). */
export function encodeDataset(prep: Preprocessor, dataset: Dataset): Float64Array {
  const byName = new Map(dataset.columns.map((c) => [c.name, c]));
  const out = new Float64Array(dataset.rows * prep.width);
  let base = 0;
  for (const p of prep.columns) {
    const column = byName.get(p.name);
    if (!column) throw new ModelError('INVALID_DATA', `The data has no column "${p.name}".`);
    if (column.kind !== p.kind) {
      throw new ModelError(
        'INVALID_DATA',
        `Column "${p.name}" should be ${p.kind}, not ${column.kind}.`,
      );
    }
    if (p.kind === 'numeric' && column.kind === 'numeric') {
      for (let i = 0; i < dataset.rows; i++) {
        const v = column.values[i] as number;
        out[i * prep.width + base] = Number.isNaN(v) ? 0 : (v - p.mean) / p.std;
      }
      base += 1;
    } else if (p.kind === 'categorical' && column.kind === 'categorical') {
      const index = new Map(p.categories.map((cat, j) => [cat, j]));
      for (let i = 0; i < dataset.rows; i++) {
        const v = column.values[i];
        const hit = v === null || v === undefined ? undefined : index.get(v);
        if (hit !== undefined) out[i * prep.width + base + hit] = 1;
      }
      base += p.categories.length;
    }
  }
  return out;
}

/** The reference row for explanations: the training median of each numeric input, mode of each category. */
export function referenceRow(prep: Preprocessor): Record<string, number | string | null> {
  const row: Record<string, number | string | null> = {};
  for (const c of prep.columns) row[c.name] = c.kind === 'numeric' ? c.median : c.mode;
  return row;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
