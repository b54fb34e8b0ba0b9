/** A file as rows of text cells, whatever it was (CSV or XLSX). */
export interface SourceRow {
  /** The row number the user sees in their spreadsheet: the header is row 1. */
  row: number;
  cells: string[];
}

export interface SourceTable {
  format: 'csv' | 'xlsx';
  separator: string | null;
  header: string[];
  /** Data rows, blank rows left out. */
  rows: SourceRow[];
}

/** A problem with the file as a whole: nothing in it can be imported. */
export class FileProblem extends Error {
  constructor(
    message: string,
    readonly row: number | null = null,
    readonly column: string | null = null,
  ) {
    super(message);
  }
}

export const isBlankRow = (cells: readonly string[]): boolean =>
  cells.every((c) => c.trim() === '');
