import type { SyncConflict } from '../../../../contract';

/** One field whose value differs between the version kept and the version lost. */
export interface Difference {
  field: string;
  now: unknown;
  other: unknown;
}

// Identity and bookkeeping differ between any two versions and mean nothing to a person.
const bookkeeping = new Set([
  'id',
  'school_id',
  'version',
  'created_at',
  'updated_at',
  'deleted_at',
  'origin',
]);

/**
 * The fields the lost version would change if brought back, in the lost row's order; empty when
 * the record no longer exists here or both versions hold the same values.
 */
export function differences(conflict: SyncConflict): Difference[] {
  const current = conflict.currentRow;
  if (!current) return [];
  return Object.entries(conflict.lostRow)
    .filter(([field]) => !bookkeeping.has(field) && field in current)
    .filter(([field, value]) => JSON.stringify(current[field]) !== JSON.stringify(value))
    .map(([field, other]) => ({ field, now: current[field], other }));
}

/** A column name as a person reads it: `first_name` becomes "first name". */
export const fieldWords = (field: string): string => field.replace(/_/g, ' ');
