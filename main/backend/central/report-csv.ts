import { safeText, toCsv } from '../import/csv-write';
import type { DistrictReport } from './report';

const pct = (v: number | null) => (v === null ? '' : (v * 100).toFixed(1));

/**
 * The district report as CSV, one row per school, quoted like the school's own exports: school
 * names are text a spreadsheet must not run (safeText), every field quoted where any locale's
 * spreadsheet could split it (toCsv). Rates are percentages with one decimal; a month a school
 * has no attendance for is empty; the attendance change is the latest month's rate against the
 * month before, in percentage points.
 */
export function districtReportCsv(report: DistrictReport): string {
  const header = [
    'school_code',
    'school_name',
    'students',
    'tier_high',
    'tier_medium',
    'tier_low',
    'unscored',
    'chronic_absent_students',
    'attendance_measured_students',
    'chronic_absence_pct',
    'interventions_open',
    'interventions_overdue',
    'interventions_done',
    'probable_transfers_out',
    'attendance_change_pts',
    ...report.months.map((m) => `attendance_pct_${m}`),
  ];
  const rows = report.schools.map((s) => {
    const byMonth = new Map(s.months.map((m) => [m.month, m]));
    return [
      safeText(s.code ?? ''),
      safeText(s.name),
      String(s.students),
      String(s.tiers.high),
      String(s.tiers.medium),
      String(s.tiers.low),
      String(s.tiers.unscored),
      String(s.chronic.students),
      String(s.chronic.measured),
      pct(s.chronic.rate),
      String(s.interventions.open),
      String(s.interventions.overdue),
      String(s.interventions.done),
      String(s.probableTransfersOut),
      s.attendanceTrend ? (s.attendanceTrend.change * 100).toFixed(1) : '',
      ...report.months.map((m) => pct(byMonth.get(m)?.attendanceRate ?? null)),
    ];
  });
  return toCsv([header, ...rows]);
}
