import { fitText, PAGE, writePdf, type PdfPage } from './pdf-writer';
import type { DistrictReport } from './report';

const MARGIN = 36;
const LINE = 13;
const SIZE = 8;

interface Column {
  title: string;
  width: number;
  /** Right-aligned numbers; left-aligned text. */
  right?: boolean;
}

const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);

/** Lays rows out as a table over as many pages as it takes, the header repeated on each. */
function table(
  title: string,
  subtitle: string,
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): PdfPage[] {
  const pages: PdfPage[] = [];
  const perPage = Math.floor((PAGE.height - 2 * MARGIN - 3 * LINE) / LINE) - 1;
  for (let start = 0; start === 0 || start < rows.length; start += perPage) {
    const page: PdfPage = { texts: [], rules: [] };
    let y = PAGE.height - MARGIN;
    page.texts.push({ x: MARGIN, y, text: title, size: 13, bold: true });
    y -= LINE * 1.4;
    page.texts.push({ x: MARGIN, y, text: subtitle, size: SIZE });
    y -= LINE * 1.6;
    const cells = (values: readonly string[], bold: boolean) => {
      let x = MARGIN;
      columns.forEach((col, i) => {
        const text = fitText(values[i] ?? '', col.width - 4, SIZE);
        const tx = col.right ? x + col.width - 4 - text.length * SIZE * 0.5 : x;
        page.texts.push({ x: tx, y, text, size: SIZE, bold });
        x += col.width;
      });
    };
    cells(
      columns.map((c) => c.title),
      true,
    );
    page.rules?.push([MARGIN, y - 3, PAGE.width - MARGIN]);
    y -= LINE;
    for (const row of rows.slice(start, start + perPage)) {
      cells(row, false);
      y -= LINE;
    }
    pages.push(page);
    if (rows.length === 0) break;
  }
  return pages;
}

/**
 * The district report as a PDF: the schools side by side (tiers, chronic absence,
 * interventions, probable transfers), then their monthly attendance over the school year
 * (the last twelve months at most, to fit the page), then the probable transfers.
 */
export function districtReportPdf(report: DistrictReport): Buffer {
  const subtitle = `As of ${report.asOf}. ${report.schools.length} schools.`;
  const summary = table(
    'District report',
    subtitle,
    [
      { title: 'Code', width: 60 },
      { title: 'School', width: 140 },
      { title: 'Students', width: 50, right: true },
      { title: 'High', width: 40, right: true },
      { title: 'Medium', width: 45, right: true },
      { title: 'Low', width: 40, right: true },
      { title: 'Unscored', width: 50, right: true },
      { title: 'Chronic', width: 45, right: true },
      { title: 'Chronic %', width: 55, right: true },
      { title: 'Open interv.', width: 55, right: true },
      { title: 'Overdue', width: 45, right: true },
      { title: 'Done', width: 35, right: true },
      { title: 'Transfers?', width: 50, right: true },
      { title: 'Attend. trend', width: 60, right: true },
    ],
    report.schools.map((s) => [
      s.code ?? '',
      s.name,
      String(s.students),
      String(s.tiers.high),
      String(s.tiers.medium),
      String(s.tiers.low),
      String(s.tiers.unscored),
      String(s.chronic.students),
      pct(s.chronic.rate),
      String(s.interventions.open),
      String(s.interventions.overdue),
      String(s.interventions.done),
      String(s.probableTransfersOut),
      s.attendanceTrend ? `${(s.attendanceTrend.change * 100).toFixed(1)} pts` : '-',
    ]),
  );
  const months = report.months.slice(-12);
  const monthWidth = Math.floor((PAGE.width - 2 * MARGIN - 200) / Math.max(1, months.length));
  const trends = table(
    'Attendance by month',
    `${subtitle} Attended days over attended and absent days, per month of the school year.`,
    [
      { title: 'Code', width: 60 },
      { title: 'School', width: 140 },
      ...months.map((m) => ({ title: m, width: Math.min(70, monthWidth), right: true })),
    ],
    report.schools.map((s) => {
      const byMonth = new Map(s.months.map((m) => [m.month, m.attendanceRate]));
      return [s.code ?? '', s.name, ...months.map((m) => pct(byMonth.get(m) ?? null))];
    }),
  );
  const transfers = table(
    'Probable transfers',
    `${subtitle} A dropout at one school with the same national student number enrolled at another.`,
    [
      { title: 'Dropped out at', width: 230 },
      { title: 'On', width: 80 },
      { title: 'Enrolled at', width: 230 },
      { title: 'Since', width: 80 },
    ],
    report.transfers.map((t) => [
      t.fromCode ? `${t.fromName} (${t.fromCode})` : t.fromName,
      t.leftOn ?? '',
      t.toCode ? `${t.toName} (${t.toCode})` : t.toName,
      t.enrolledOn ?? '',
    ]),
  );
  return writePdf([...summary, ...trends, ...transfers], `District report ${report.asOf}`);
}
