import { writeFileSync } from 'node:fs';
import type { CentralTarget } from './central-url';
import { districtReport, type DistrictReport } from './report';
import { districtReportCsv } from './report-csv';
import { districtReportPdf } from './report-pdf';

const pct = (v: number | null) => (v === null ? '    -' : `${(v * 100).toFixed(1)}%`.padStart(6));

/** The report as lines for a terminal: one per school, then the probable transfers. */
export function reportLines(report: DistrictReport): string[] {
  const lines = [
    `District report as of ${report.asOf}: ${report.schools.length} schools.`,
    `  ${'code'.padEnd(10)} ${'school'.padEnd(28)} students  high   med   low  chronic  open  overdue  transfers?`,
  ];
  for (const s of report.schools) {
    lines.push(
      `  ${(s.code ?? '').padEnd(10)} ${s.name.slice(0, 28).padEnd(28)} ${String(s.students).padStart(8)} ` +
        `${String(s.tiers.high).padStart(5)} ${String(s.tiers.medium).padStart(5)} ${String(s.tiers.low).padStart(5)} ` +
        `${pct(s.chronic.rate).padStart(8)} ${String(s.interventions.open).padStart(5)} ` +
        `${String(s.interventions.overdue).padStart(8)} ${String(s.probableTransfersOut).padStart(11)}`,
    );
  }
  for (const t of report.transfers) {
    lines.push(
      `  probable transfer: dropped out at ${t.fromCode ?? t.fromName} on ${t.leftOn ?? '?'}, enrolled at ${t.toCode ?? t.toName}`,
    );
  }
  return lines;
}

/** `beacon central report`: reads the report once, writes the files asked for, says what it did. */
export async function writeDistrictReport(
  target: CentralTarget,
  options: { csv?: string | undefined; pdf?: string | undefined; asOf?: string | undefined },
): Promise<string[]> {
  const report = await districtReport(target, options.asOf ? { asOf: options.asOf } : {});
  const lines = reportLines(report);
  if (options.csv) {
    writeFileSync(options.csv, districtReportCsv(report));
    lines.push(`CSV written to ${options.csv}.`);
  }
  if (options.pdf) {
    writeFileSync(options.pdf, districtReportPdf(report));
    lines.push(`PDF written to ${options.pdf}.`);
  }
  return lines;
}
