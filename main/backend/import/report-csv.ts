import type { ImportReport } from '../../../contract/domains/import';
import { safeText, toCsv } from './csv-write';

/**
 * The rejection report as CSV (row, column, value, reason), to open beside the file and fix it.
 */
export function reportCsv(report: ImportReport): string {
  const rows: string[][] = [['row', 'column', 'value', 'reason']];
  for (const r of report.rejections) {
    rows.push([
      r.row === null ? '' : String(r.row),
      r.column ?? '',
      safeText(r.value ?? ''),
      safeText(r.reason),
    ]);
  }
  return toCsv(rows);
}

/** "0 created, 0 changed, 395 unchanged": one line per table the file touched. */
export function reportSummary(report: ImportReport): string[] {
  const line = (c: { created: number; changed: number; unchanged: number }) =>
    `${c.created} created, ${c.changed} changed, ${c.unchanged} unchanged`;
  if (report.outcome === 'refused') {
    return [
      `${report.fileName} was refused: nothing was written. ${report.problems} problem(s) in ${report.rejectedRows} row(s):`,
    ];
  }
  const verb = report.outcome === 'dry_run' ? 'Dry run (nothing written)' : 'Imported';
  const lines = [`${verb}: ${report.fileName} as ${report.kind}: ${line(report.totals)}.`];
  for (const [table, counts] of Object.entries(report.tables)) {
    lines.push(`  ${table.padEnd(22)} ${line(counts)}`);
  }
  if (report.studentsRefreshed)
    lines.push(`  features recomputed for ${report.studentsRefreshed} student(s)`);
  lines.push(...report.warnings.map((w) => `  ${w}`));
  return lines;
}
