import { z } from 'zod';
import { isoDate, uuid } from '../schemas';
import { request } from '../spec';

export interface DistrictSchoolMonth {
  /** YYYY-MM */
  month: string;
  /** Attended days over attended and absent ones (excused days count as neither); null: none. */
  attendanceRate: number | null;
  /** Students under the chronic-absence threshold in that month alone. */
  chronic: number;
}

/** One school of the district report, side by side with the others. */
export interface DistrictSchool {
  schoolId: string;
  code: string | null;
  name: string;
  /** Active students (not archived). */
  students: number;
  tiers: { high: number; medium: number; low: number; unscored: number };
  chronic: { students: number; measured: number; rate: number | null };
  /** Open: planned or active; overdue: open with a review date before the report date; done: completed. */
  interventions: { open: number; overdue: number; done: number };
  /** Dropouts of this school enrolled at another school of the district. */
  probableTransfersOut: number;
  months: DistrictSchoolMonth[];
  /** The latest month's attendance rate against the month before (null without two months). */
  attendanceTrend: { month: string; previousMonth: string; change: number } | null;
}

export interface DistrictTransfer {
  fromCode: string | null;
  fromName: string;
  toCode: string | null;
  toName: string;
  leftOn: string | null;
  enrolledOn: string | null;
}

/** The district's view of its schools, read from the central server as the district-admin role. */
export interface DistrictReport {
  /** The day the report is as of (YYYY-MM-DD). */
  asOf: string;
  /** Every month any school's year covers up to asOf, oldest first (YYYY-MM). */
  months: string[];
  schools: DistrictSchool[];
  transfers: DistrictTransfer[];
  /** Schools whose attendance summaries were brought up to date for this report. */
  refreshedSchools: number;
}

/** A probable transfer as the school sees it, from the central server at the last sync. */
export interface ProbableTransfer {
  studentId: string;
  studentNumber: string;
  name: string;
  /** `out`: this school's dropout is enrolled elsewhere; `in`: this school's student dropped out elsewhere. */
  direction: 'out' | 'in';
  otherSchoolCode: string | null;
  otherSchoolName: string;
  /** The day the student was marked dropped out (at this school for `out`, at the other for `in`). */
  leftOn: string | null;
  /** Since when the student is enrolled at the receiving school. */
  enrolledOn: string | null;
  /** When the central server last reported it (the last sync). */
  seenAt: string;
}

/** The report as the District screen gets it: the figures and the same CSV `beacon central report` writes. */
export interface DistrictReportAnswer {
  report: DistrictReport;
  csv: string;
}

/** Whether this laptop keeps a district admin's connection, and where to; never the password. */
export interface DistrictStatus {
  connected: boolean;
  host: string | null;
  database: string | null;
  role: string | null;
}

/** Read with the district connection this laptop keeps (connectDistrict). */
export const districtReportInput = z.object({ asOf: isoDate.optional() }).strict();
export type DistrictReportRequest = z.input<typeof districtReportInput>;

export const connectDistrictInput = z
  .object({
    /** The text of the file `beacon central add-admin` wrote. */
    fileText: z.string().min(2).max(100_000),
    enrolmentCode: z.string().trim().min(4).max(64),
  })
  .strict();
export type ConnectDistrict = z.input<typeof connectDistrictInput>;

export const recordTransferInput = z.object({ studentId: uuid }).strict();
export type RecordTransfer = z.input<typeof recordTransferInput>;

const empty = z.object({}).strict();

/** The district: its connection and report for a district admin, probable transfers for a school. */
export const districtRequests = {
  districtStatus: request<DistrictStatus>()(empty, ['admin']),
  connectDistrict: request<DistrictStatus>()(connectDistrictInput, ['admin']),
  disconnectDistrict: request<DistrictStatus>()(empty, ['admin']),
  districtReport: request<DistrictReportAnswer>()(districtReportInput, ['admin']),
  listProbableTransfers: request<ProbableTransfer[]>()(empty, ['admin', 'head_teacher']),
  recordTransfer: request<ProbableTransfer>()(recordTransferInput, ['admin', 'head_teacher']),
};
