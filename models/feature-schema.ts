import { createHash } from 'node:crypto';
import type { Column, Dataset } from './dataset';

/** One model input as the registry records it: its name and kind, in model order. */
export interface ColumnSpec {
  name: string;
  kind: Column['kind'];
}

/** The ordered input columns of a dataset. */
export function featureSchema(dataset: Dataset): ColumnSpec[] {
  return dataset.columns.map((c) => ({ name: c.name, kind: c.kind }));
}

/**
 * A stable sha256 (hex) of the ordered column specs: equal for two datasets with the same inputs
 * in the same order, different when a column is added, removed, renamed, retyped or moved. Two
 * versions with the same hash can be compared on the same held-out rows.
 */
export function featureSchemaHash(schema: readonly ColumnSpec[]): string {
  const canonical = JSON.stringify(schema.map((c) => [c.name, c.kind]));
  return createHash('sha256').update(canonical).digest('hex');
}
