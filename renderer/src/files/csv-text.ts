/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets an apostrophe first. */
const formulaStart = /^[=+\-@\t\r]/;

function cell(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Rows as RFC 4180 CSV (CRLF line ends, quoted where needed) with a UTF-8 BOM so spreadsheets
 * read accents right; cells that would run as formulas are defused.
 */
export function toCsvText(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
