import readExcelFile from 'read-excel-file/node';
import { checkXlsxLimits } from './xlsx-limits';
import { checkedHeader, FileProblem, isBlankRow, type SourceRow, type SourceTable } from './table';

type Cell = string | number | boolean | Date | null | undefined;

/** A cell as text, the way the same value reads in a CSV export: dates as YYYY-MM-DD. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return '';
    const iso = cell.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return String(cell);
}

/**
 * Reads one sheet of an XLSX workbook (the first unless named or numbered) into text rows.
 * Spreadsheet rows keep their numbers: a blank row in the middle still counts.
 */
export async function readXlsx(bytes: Uint8Array, sheet?: string | number): Promise<SourceTable> {
  if (bytes.byteLength === 0) throw new FileProblem('The file is empty.');
  checkXlsxLimits(bytes);
  let sheets: { sheet: string; data: Cell[][] }[];
  try {
    sheets = (await readExcelFile(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    )) as unknown as {
      sheet: string;
      data: Cell[][];
    }[];
  } catch {
    // The parser's own words ("Cannot read properties of undefined") help no one.
    throw new FileProblem(
      'The file is damaged: it is not a readable .xlsx workbook (a part of it is missing or ' +
        'broken). Open it in your spreadsheet and save it again as "Excel Workbook (.xlsx)", or ' +
        'as "CSV UTF-8".',
    );
  }
  const chosen =
    sheet === undefined
      ? sheets[0]
      : typeof sheet === 'number'
        ? sheets[sheet - 1]
        : sheets.find((s) => s.sheet === sheet);
  if (!chosen) {
    throw new FileProblem(
      `The workbook has no sheet ${JSON.stringify(sheet)} (sheets: ${sheets.map((s) => s.sheet).join(', ')}).`,
    );
  }
  const records = chosen.data.map((cells) => cells.map(cellText));
  const [header, ...data] = records;
  if (!header || records.every(isBlankRow)) {
    throw new FileProblem(`The sheet "${chosen.sheet}" is empty.`);
  }
  if (isBlankRow(header))
    throw new FileProblem('The first row is blank: it must name the columns.', 1);
  const rows: SourceRow[] = [];
  data.forEach((cells, i) => {
    if (!isBlankRow(cells)) rows.push({ row: i + 2, cells });
  });
  return {
    format: 'xlsx',
    separator: null,
    header: checkedHeader(header),
    rows,
    dataRows: rows.length,
  };
}
