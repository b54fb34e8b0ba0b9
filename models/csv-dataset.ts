import { parse } from 'csv-parse/sync';
import type { Column, Dataset } from './dataset';
import { createDataset } from './dataset';
import { ModelError } from './errors';

export interface CsvDatasetOptions {
  target: string;
  /** Target values counted as the positive class (compared after trimming). */
  positive: readonly string[];
  /** Columns to leave out of the inputs. */
  exclude?: readonly string[];
  /** Field separator; default ','. */
  separator?: string;
}

/**
 * Reads a tabular CSV (header row first, quoted fields allowed) into a dataset: a column whose
 * every non-empty value is a number becomes numeric, any other becomes categorical; empty cells
 * are missing. Refuses a missing target or excluded column and a target with only one class.
 */
export function datasetFromCsv(text: string, options: CsvDatasetOptions): Dataset {
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: options.separator ?? ',',
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_quotes: true,
    }) as string[][];
  } catch (error) {
    throw new ModelError('INVALID_DATA', `The CSV could not be read: ${(error as Error).message}`);
  }
  const header = records[0];
  if (!header || records.length < 2)
    throw new ModelError('INVALID_DATA', 'The CSV has no data rows under its header.');
  const body = records.slice(1);
  const position = new Map(header.map((name, i) => [name, i]));
  const known = () => header.join(', ');
  const targetAt = position.get(options.target);
  if (targetAt === undefined) {
    throw new ModelError(
      'INVALID_DATA',
      `There is no column "${options.target}" to predict; the columns are: ${known()}.`,
    );
  }
  for (const name of options.exclude ?? []) {
    if (!position.has(name))
      throw new ModelError(
        'INVALID_DATA',
        `There is no column "${name}" to exclude; the columns are: ${known()}.`,
      );
  }
  body.forEach((r, i) => {
    if (r.length !== header.length) {
      throw new ModelError(
        'INVALID_DATA',
        `Row ${i + 2} has ${r.length} fields but the header has ${header.length}.`,
      );
    }
  });
  const positive = new Set(options.positive.map((v) => v.trim()));
  const labels = body.map((r) => (positive.has(r[targetAt] ?? '') ? 1 : 0));
  const positives = labels.reduce<number>((s, y) => s + y, 0);
  if (positives === 0 || positives === labels.length) {
    const values = [...new Set(body.map((r) => r[targetAt]))].slice(0, 10).join(', ');
    throw new ModelError(
      'INVALID_DATA',
      `The target "${options.target}" has only one class when positive is ${[...positive].join(',')} (values seen: ${values}).`,
    );
  }
  const skip = new Set([options.target, ...(options.exclude ?? [])]);
  const columns: Column[] = [];
  header.forEach((name, c) => {
    if (skip.has(name)) return;
    const raw = body.map((r) => r[c] ?? '');
    const numeric = raw.every((v) => v === '' || Number.isFinite(Number(v)));
    if (numeric)
      columns.push({
        name,
        kind: 'numeric',
        values: Float64Array.from(raw, (v) => (v === '' ? NaN : Number(v))),
      });
    else columns.push({ name, kind: 'categorical', values: raw.map((v) => (v === '' ? null : v)) });
  });
  if (columns.length === 0)
    throw new ModelError('INVALID_DATA', 'No input columns are left after the exclusions.');
  return createDataset(columns, labels);
}
