/** One field of an audited row, before and after, as text. */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** Bookkeeping every write stamps; showing it would hide the change that matters. */
const bookkeeping = new Set(['id', 'school_id', 'version', 'created_at', 'updated_at']);

const asRecord = (row: unknown): Record<string, unknown> =>
  typeof row === 'object' && row !== null && !Array.isArray(row)
    ? (row as Record<string, unknown>)
    : {};

const asText = (value: unknown): string | null =>
  value === undefined || value === null
    ? null
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

/**
 * The fields an audit entry changed, in the row's own order: for an update the fields whose
 * value differs, for a creation the fields it set, for a deletion the fields it held.
 * Bookkeeping columns (id, version, timestamps) are left out.
 */
export function entryChanges(before: unknown, after: unknown): FieldChange[] {
  const old = asRecord(before);
  const now = asRecord(after);
  const fields = [...new Set([...Object.keys(old), ...Object.keys(now)])];
  return fields
    .filter((field) => !bookkeeping.has(field))
    .map((field) => ({ field, before: asText(old[field]), after: asText(now[field]) }))
    .filter((c) => c.before !== c.after);
}
