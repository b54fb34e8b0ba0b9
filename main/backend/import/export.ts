import type { ExportedRecords, ExportKind } from '../../../contract/domains/import';
import type { Db } from '../../../db';
import { safeText, toCsv } from './csv-write';
import { exportTable, type ExportTable } from './export-tables';
import { toXlsx } from './export-xlsx';

export interface ExportOptions {
  separator?: ',' | ';' | '\t' | undefined;
  format?: 'csv' | 'xlsx' | undefined;
}

/** A table as CSV text: free text written so a spreadsheet never runs it as a formula. */
function csvText(table: ExportTable, separator: string): string {
  const cells = table.rows.map((r) =>
    r.map((v, i) => {
      if (v === null) return '';
      const s = String(v);
      return table.text.has(table.columns[i] as string) ? safeText(s) : s;
    }),
  );
  return `\uFEFF${toCsv([[...table.columns], ...cells], separator)}`;
}

/**
 * A kind's live records as CSV (UTF-8 with a BOM, so spreadsheets read accents right) or as a
 * real .xlsx workbook. Import's kinds come in the layout import matches by itself, so exporting
 * and importing either file again changes nothing.
 */
export async function exportRecords(
  db: Db,
  schoolId: string,
  kind: ExportKind,
  today: string,
  options: ExportOptions = {},
): Promise<ExportedRecords> {
  const table = exportTable(db, schoolId, kind, today);
  const rows = table.rows.length;
  if (options.format === 'xlsx') {
    return { kind, format: 'xlsx', fileName: `${kind}.xlsx`, rows, bytes: await toXlsx(table) };
  }
  return {
    kind,
    format: 'csv',
    fileName: `${kind}.csv`,
    rows,
    csv: csvText(table, options.separator ?? ','),
  };
}
