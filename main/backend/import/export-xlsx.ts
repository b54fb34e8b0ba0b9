import writeXlsxFile, { type Cell } from 'write-excel-file/node';
import type { ExportTable, ExportValue } from './export-tables';

/** One cell as a workbook holds it: dates as date cells, numbers as numbers, text as text. */
function cell(value: ExportValue, isDate: boolean): Cell {
  if (value === null) return null;
  if (typeof value === 'number') return { value, type: Number };
  if (isDate && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return { value: new Date(`${value}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd' };
  }
  // Always a text cell: a workbook never runs text as a formula, so no apostrophe is needed.
  return { value, type: String };
}

/**
 * A table as an .xlsx workbook of one sheet, header first: what import reads back as the same
 * records (date cells become YYYY-MM-DD, numbers their text).
 */
export async function toXlsx(table: ExportTable): Promise<Uint8Array> {
  const dates = table.columns.map((c) => table.dates.has(c));
  const data: Cell[][] = [
    table.columns.map((c) => ({ value: c, type: String, fontWeight: 'bold' as const })),
    ...table.rows.map((r) => r.map((v, i) => cell(v, dates[i] === true))),
  ];
  const buffer = await writeXlsxFile(data).toBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
