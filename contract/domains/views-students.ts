import { z } from 'zod';
import { uuid } from '../schemas';
import { request } from '../spec';
import type { RiskTier } from './risk';
import { studentStatuses, type StudentStatus } from './records-students';

export const riskTiers = ['high', 'medium', 'low'] as const satisfies readonly RiskTier[];

/**
 * Indicators the Students screen filters by. The thresholds live in the backend's query, so
 * the renderer never recomputes them:
 * - `lowAttendance30d`: attendance under 90% over the last 30 school days;
 * - `lowAttendanceYear`: attendance under 90% over the year so far;
 * - `recentIncidents`: at least one behaviour incident in the last 90 days;
 * - `failingSubjects`: at least one subject failed.
 */
export const studentIndicators = [
  'lowAttendance30d',
  'lowAttendanceYear',
  'recentIncidents',
  'failingSubjects',
] as const;
export type StudentIndicator = (typeof studentIndicators)[number];

/** Columns the table sorts by; `risk` sorts by score, unscored students last. */
export const studentSortColumns = [
  'name',
  'number',
  'class',
  'grade',
  'risk',
  'attendance30d',
  'status',
] as const;
export type StudentSortColumn = (typeof studentSortColumns)[number];

/** One line of the Students table. */
export interface StudentTableRow {
  id: string;
  studentNumber: string;
  firstName: string;
  lastName: string;
  gradeLevel: number | null;
  /** The class the student is enrolled in today. */
  classId: string | null;
  className: string | null;
  status: StudentStatus;
  archived: boolean;
  /** Null until the school has a live model that scored the student. */
  tier: RiskTier | null;
  score: number | null;
  /** Share of the last 30 school days present (late counts as present); null without days. */
  attendance30d: number | null;
}

export interface StudentTable {
  /** Every matching student, sorted: the screen virtualises the list rather than paging it. */
  rows: StudentTableRow[];
}

export const studentTableInput = z
  .object({
    /** Part of a name ("ana sil") or of a student number. */
    search: z.string().trim().max(100).optional(),
    classId: uuid.optional(),
    gradeLevel: z.number().int().min(0).max(13).optional(),
    tier: z.enum(riskTiers).optional(),
    indicator: z.enum(studentIndicators).optional(),
    status: z.enum(studentStatuses).optional(),
    includeArchived: z.boolean().optional(),
    sort: z.enum(studentSortColumns).optional(),
    descending: z.boolean().optional(),
  })
  .strict();
export type StudentTableQuery = z.input<typeof studentTableInput>;

/** Views the records screens read: shaped, filtered and sorted in the backend. */
export const studentViewRequests = {
  studentTable: request<StudentTable>()(studentTableInput, 'user'),
};
