/**
 * One value in PostgreSQL's COPY text format: \N for null, and backslash, tab, newline and
 * carriage return escaped, so any text a teacher typed arrives as typed.
 */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'string' ? v : String(v);
  if (!/[\\\t\n\r]/.test(s)) return s;
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** Rows as COPY text lines, in chunks of about 64 KB, for a COPY ... FROM STDIN stream. */
export function* copyChunks(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
): Generator<string> {
  let chunk = '';
  const last = columns.length - 1;
  for (const row of rows) {
    // One string built in place (no array per row): a first push encodes a million rows.
    for (let i = 0; i <= last; i++) {
      const v = row[columns[i] as string];
      chunk += (typeof v === 'number' ? String(v) : copyValue(v)) + (i === last ? '\n' : '\t');
    }
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
