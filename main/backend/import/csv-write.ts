/**
 * A cell a spreadsheet could misread: a separator of either kind (a `;` locale splits on `;`
 * whatever the file used), a quote, a line break, a leading formula character, or edge spaces.
 */
const RISKY_CELL = /[,;\t"\r\n]|^[=+\-@]|^\s|\s$/;

/** One CSV field: quoted when a spreadsheet in any locale could split or run it. */
export function csvField(value: string): string {
  return RISKY_CELL.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Where a spreadsheet may start a cell: the text's start, or after either separator. */
const FORMULA_AT_START = /^('*[=+\-@\t\r])/;
const FORMULA_AFTER_SEPARATOR = /([,;\t][\s"]*)('*[=+\-@])/g;

/**
 * Free text as a spreadsheet will not run it, whichever separator its locale splits on: an
 * apostrophe goes before a leading = + - @ tab or CR, and before one that follows a `,` `;` or
 * tab inside the text (where a spreadsheet splitting on the other separator starts a cell).
 * `unsafeText` removes exactly these apostrophes again, so export then import changes nothing.
 */
export const safeText = (value: string): string =>
  value.replace(FORMULA_AT_START, "'$1").replace(FORMULA_AFTER_SEPARATOR, "$1'$2");

/** The inverse of safeText: one apostrophe fewer wherever safeText added one. */
export const unsafeText = (value: string): string =>
  // Most cells hold no apostrophe at all: skip the two scans (a register has 600,000 cells).
  !value.includes("'")
    ? value
    : value.replace(/^'('*[=+\-@\t\r])/, '$1').replace(/([,;\t][\s"]*)'('*[=+\-@])/g, '$1$2');

/** Rows to CSV text with CRLF line ends, as spreadsheets write it. */
export function toCsv(rows: readonly (readonly string[])[], separator = ','): string {
  return rows.map((r) => r.map((v) => csvField(v)).join(separator)).join('\r\n') + '\r\n';
}
