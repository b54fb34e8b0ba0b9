/** One CSV field: quoted when it holds the separator, a quote or a line break. */
export function csvField(value: string, separator = ','): string {
  return value.includes(separator) || /["\r\n]/.test(value) || /^\s|\s$/.test(value)
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

/**
 * Free text as a spreadsheet will not run it: a value starting with = + - or @ gets a leading
 * apostrophe, which import removes again.
 */
export const safeText = (value: string): string => (/^[=+\-@]/.test(value) ? `'${value}` : value);

/** Rows to CSV text with CRLF line ends, as spreadsheets write it. */
export function toCsv(rows: readonly (readonly string[])[], separator = ','): string {
  return (
    rows.map((r) => r.map((v) => csvField(v, separator)).join(separator)).join('\r\n') + '\r\n'
  );
}
