/**
 * One CSV field per RFC 4180: quoted when it holds a comma, quote, line break or edge spaces,
 * with quotes doubled. A text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`)
 * gets a leading apostrophe, so opening an export can never execute what someone typed.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV record, CRLF-terminated as RFC 4180 asks. */
export const csvRecord = (fields: (string | null)[]): string =>
  `${fields.map(csvField).join(',')}\r\n`;
