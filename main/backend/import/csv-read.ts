import { csvRows } from './csv-rows';
import { checkedHeader, FileProblem, isBlankRow, type SourceRow, type SourceTable } from './table';

const candidates = [';', ',', '\t', '|'] as const;

/**
 * The separator the header row uses: the candidate that splits it into the most columns outside
 * quotes. A spreadsheet in a comma-decimal locale saves ';', elsewhere ','.
 */
export function detectSeparator(text: string): string {
  let end = 0;
  let quoted = false;
  for (; end < text.length; end++) {
    const c = text[end];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) break;
  }
  const header = text.slice(0, end);
  let best: string = ',';
  let bestCount = 0;
  for (const sep of candidates) {
    let count = 0;
    quoted = false;
    for (const c of header) {
      if (c === '"') quoted = !quoted;
      else if (c === sep && !quoted) count++;
    }
    if (count > bestCount) [best, bestCount] = [sep, count];
  }
  return best;
}

/** Distinct texts kept over all of a file's columns: a wide file of junk stays a few megabytes. */
const DISTINCT_BUDGET = 65_536;

/**
 * Each column's distinct texts in the order first met, noted during the pass that counts the
 * rows. A column with more than its share of the budget stops being kept (a column of names or
 * notes); a column of dates, marks or student numbers usually fits.
 */
class DistinctTexts {
  private readonly sets: (Set<string> | null)[];
  /** Each column's text on the row before: a register's date column repeats row after row. */
  private readonly last: (string | undefined)[];
  private readonly cap: number;

  constructor(width: number) {
    this.sets = Array.from({ length: width }, () => new Set<string>());
    this.last = new Array<string | undefined>(width);
    this.cap = Math.max(256, Math.floor(DISTINCT_BUDGET / Math.max(width, 1)));
  }

  note(cells: readonly string[]): void {
    const { sets, last } = this;
    for (let c = 0; c < sets.length; c++) {
      const text = cells[c] ?? '';
      if (text === last[c]) continue;
      last[c] = text;
      const set = sets[c];
      if (!set || set.has(text)) continue;
      if (set.size < this.cap) set.add(text);
      else sets[c] = null;
    }
  }

  of(column: number): readonly string[] | null {
    const set = this.sets[column];
    return set ? [...set] : null;
  }
}

/**
 * Reads CSV text (see csvRows for the syntax) into a table whose rows are read again from the
 * text each time they are walked: one pass here checks the whole file and counts its rows, and
 * the import's pass holds one row at a time. A file that ends inside a quoted field (truncated,
 * or a stray quote) is refused naming the row where the quote opened.
 */
export function readCsv(text: string, separator?: string): SourceTable {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new FileProblem('The file is empty.');
  const sep = separator ?? detectSeparator(body);
  const records = csvRows(body, sep);
  const first = records.next();
  const header = first.done ? undefined : first.value;
  if (!header || isBlankRow(header)) {
    throw new FileProblem('The first row is blank: it must name the columns.', 1);
  }
  const distinct = new DistinctTexts(header.length);
  let dataRows = 0;
  for (const cells of records) {
    if (isBlankRow(cells)) continue;
    dataRows++;
    distinct.note(cells);
  }
  const rows: Iterable<SourceRow> = {
    *[Symbol.iterator]() {
      let row = 0;
      for (const cells of csvRows(body, sep)) {
        row++;
        if (row > 1 && !isBlankRow(cells)) yield { row, cells };
      }
    },
  };
  return {
    format: 'csv',
    separator: sep,
    header: checkedHeader(header),
    rows,
    dataRows,
    distinctTexts: (column) => distinct.of(column),
  };
}
