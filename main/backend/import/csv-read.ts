import { parse } from 'csv-parse/sync';
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

interface CsvError {
  code?: string;
  records?: number;
  message?: string;
}

/**
 * Parses CSV text: quoted fields may hold separators, newlines and doubled quotes; CRLF and LF
 * both end rows. A file that ends inside a quoted field (truncated, or a stray quote) is refused
 * naming the row where the quote opened.
 */
export function readCsv(text: string, separator?: string): SourceTable {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new FileProblem('The file is empty.');
  const sep = separator ?? detectSeparator(body);
  let records: string[][];
  try {
    records = parse(body, {
      delimiter: sep,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (err) {
    const e = err as CsvError;
    const row = (e.records ?? 0) + 1;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new FileProblem(
        `The file ends inside a quoted value that starts on row ${row}: it is cut short, or ` +
          'that row has a quote (") that is never closed.',
        row,
      );
    }
    throw new FileProblem(`Row ${row} cannot be read as CSV: ${e.message ?? String(err)}`, row);
  }
  const [header, ...data] = records;
  if (!header || isBlankRow(header)) {
    throw new FileProblem('The first row is blank: it must name the columns.', 1);
  }
  const rows: SourceRow[] = [];
  data.forEach((cells, i) => {
    if (!isBlankRow(cells)) rows.push({ row: i + 2, cells });
  });
  return { format: 'csv', separator: sep, header: checkedHeader(header), rows };
}
