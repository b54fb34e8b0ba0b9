import type { Db } from '../../../db';
import type { StudentFeatures } from './types';

/** Each stored feature and its column in student_features, in one order for both paths. */
const columns: readonly (readonly [keyof StudentFeatures, string])[] = [
  ['asOf', 'as_of'],
  ['schoolDays', 'school_days'],
  ['attendanceRate', 'attendance_rate'],
  ['attendanceRate30d', 'attendance_rate_30d'],
  ['attendanceTrend', 'attendance_trend'],
  ['longestAbsenceStreak', 'longest_absence_streak'],
  ['lateCount', 'late_count'],
  ['incidentsSev1_90d', 'incidents_sev1_90d'],
  ['incidentsSev2_90d', 'incidents_sev2_90d'],
  ['incidentsSev3_90d', 'incidents_sev3_90d'],
  ['suspensionDays', 'suspension_days'],
  ['averageMark', 'average_mark'],
  ['lastTermAverage', 'last_term_average'],
  ['markTrend', 'mark_trend'],
  ['failedSubjects', 'failed_subjects'],
  ['overAgeYears', 'over_age_years'],
  ['repeatedGrade', 'repeated_grade'],
  ['schoolMoves', 'school_moves'],
];

/** The stored feature columns, in order. */
export const featureColumnNames: readonly string[] = columns.map(([, c]) => c);

/**
 * A SELECT list that reads every stored feature of table `alias` under its StudentFeatures name
 * (repeatedGrade arrives as 0/1), so readers need not repeat the column mapping.
 */
export const featureSelectList = (alias: string): string =>
  columns.map(([key, column]) => `${alias}.${column} AS "${key}"`).join(', ');

const upsertSql = `INSERT INTO student_features (school_id, student_id, ${featureColumnNames.join(', ')}, updated_at)
  VALUES (?, ?, ${featureColumnNames.map(() => '?').join(', ')}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT (school_id, student_id) DO UPDATE SET
  ${featureColumnNames.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = excluded.updated_at`;

export type Param = string | number | null;

/** The bound values for one student's row, in the upsert's order. */
export function featureParams(schoolId: string, studentId: string, f: StudentFeatures): Param[] {
  const params: Param[] = [schoolId, studentId];
  for (const [key] of columns) {
    const v = f[key];
    params.push(typeof v === 'boolean' ? (v ? 1 : 0) : v);
  }
  return params;
}

/** A prepared upsert of one student's features (run it with featureParams). */
export const prepareUpsert = (db: Db) => db.prepare<Param[]>(upsertSql);

/** A prepared removal of one student's features (a student deleted or never in this school). */
export const prepareRemove = (db: Db) =>
  db.prepare<[string, string]>(
    'DELETE FROM student_features WHERE school_id = ? AND student_id = ?',
  );
