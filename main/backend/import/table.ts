import { normaliseName } from './normalise';
import { shown } from './shown';

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
  /**
   * Data rows, blank rows left out. Walk them with for..of, as often as needed: a CSV file's
   * rows are read from its text on each walk, never held all at once.
   */
  rows: Iterable<SourceRow>;
  /** How many data rows there are. */
  dataRows: number;
  /**
   * A column's texts as its data rows hold them ('' for a row too short to reach it), each once,
   * in the order first met; null when the source did not keep them (too many, or not known).
   * Lets a question about a column's distinct values (which order its dates are written in)
   * skip a walk over every row.
   */
  distinctTexts?: (column: number) => readonly string[] | null;
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

/**
 * The header row, trimmed; refused when two columns have the same name (as import matches
 * names: case, accents and punctuation aside), since either could be the one meant.
 */
export function checkedHeader(cells: readonly string[]): string[] {
  const header = cells.map((h) => h.trim());
  const first = new Map<string, number>();
  header.forEach((name, i) => {
    const key = normaliseName(name) || name.toLowerCase();
    if (key === '') return;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, i);
      return;
    }
    throw new FileProblem(
      `The columns ${earlier + 1} ("${shown(header[earlier] as string)}") and ${i + 1} ("${shown(name)}") have the same name: rename or remove one, so Beacon knows which to read.`,
      1,
    );
  });
  return header;
}
