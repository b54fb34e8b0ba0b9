import { ModelError } from './errors';

/** A numeric input: NaN marks a missing value (imputed with the training mean). */
export interface NumericColumn {
  name: string;
  kind: 'numeric';
  values: Float64Array;
}

/** A categorical input: null marks a missing value (encoded as all zeros, like an unseen one). */
export interface CategoricalColumn {
  name: string;
  kind: 'categorical';
  values: (string | null)[];
}

export type Column = NumericColumn | CategoricalColumn;

/**
 * Training or evaluation data: input columns of equal length and one binary label per row
 * (1 = the outcome we warn about). Plain data, so it crosses to a worker by structured clone.
 */
export interface Dataset {
  rows: number;
  columns: Column[];
  labels: Uint8Array;
}

/** One row to score: values by column name; missing or null means not known. */
export type RawRow = Readonly<Record<string, number | string | null | undefined>>;

/** Builds a dataset, refusing columns of the wrong length, duplicate names or labels not 0/1. */
export function createDataset(columns: Column[], labels: ArrayLike<number>): Dataset {
  const rows = labels.length;
  const seen = new Set<string>();
  for (const column of columns) {
    if (!column.name) throw new ModelError('INVALID_DATA', 'A column has an empty name.');
    if (seen.has(column.name)) {
      throw new ModelError('INVALID_DATA', `Column "${column.name}" appears twice.`);
    }
    seen.add(column.name);
    if (column.values.length !== rows) {
      throw new ModelError(
        'INVALID_DATA',
        `Column "${column.name}" has ${column.values.length} values but there are ${rows} labels.`,
      );
    }
  }
  const out = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) {
      throw new ModelError(
        'INVALID_DATA',
        `Label ${i + 1} is ${String(y)}; labels must be 0 or 1.`,
      );
    }
    out[i] = y;
  }
  return { rows, columns, labels: out };
}

/** Builds a dataset from row objects, given which columns to use and of which kind. */
export function datasetFromRecords(
  records: readonly RawRow[],
  spec: readonly { name: string; kind: Column['kind'] }[],
  labels: ArrayLike<number>,
): Dataset {
  const columns: Column[] = spec.map(({ name, kind }) => {
    if (kind === 'numeric') {
      const values = new Float64Array(records.length);
      records.forEach((r, i) => (values[i] = toNumber(r[name])));
      return { name, kind, values };
    }
    return { name, kind, values: records.map((r) => toCategory(r[name])) };
  });
  return createDataset(columns, labels);
}

/** The rows at `indices`, in that order (used for splits and folds). */
export function selectRows(dataset: Dataset, indices: ArrayLike<number>): Dataset {
  const n = indices.length;
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) labels[i] = dataset.labels[indices[i] as number] as number;
  const columns = dataset.columns.map((c): Column => {
    if (c.kind === 'numeric') {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = c.values[indices[i] as number] as number;
      return { ...c, values };
    }
    const values = new Array<string | null>(n);
    for (let i = 0; i < n; i++) values[i] = c.values[indices[i] as number] ?? null;
    return { ...c, values };
  });
  return { rows: n, columns, labels };
}

/** Row `i` as a record, the shape the scorer takes. */
export function rowAt(dataset: Dataset, i: number): Record<string, number | string | null> {
  const row: Record<string, number | string | null> = {};
  for (const c of dataset.columns) {
    row[c.name] = c.kind === 'numeric' ? (c.values[i] as number) : (c.values[i] ?? null);
  }
  return row;
}

/** A raw value as a number, NaN when missing or not numeric. */
export function toNumber(value: number | string | null | undefined): number {
  if (value === null || value === undefined || value === '') return NaN;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : NaN;
}

/** A raw value as a category, null when missing. */
export function toCategory(value: number | string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'number' ? (Number.isNaN(value) ? null : String(value)) : value;
}
