import type { Db } from '../../../db';
import type { StudentFeatures } from '../features';
import type { ProtectedFacts } from '../training/model-inputs';

/** A student's stored features, with the protected facts a model may have been trained on. */
export type StoredFeatures = StudentFeatures & { facts: ProtectedFacts };

/** Reads the feature store's current rows for some students (all when `ids` is omitted). */
export function readStoredFeatures(
  db: Db,
  schoolId: string,
  ids?: readonly string[],
): Map<string, StoredFeatures> {
  const select = `SELECT f.student_id AS id, f.as_of AS asOf, f.school_days AS schoolDays,
      f.attendance_rate AS attendanceRate, f.attendance_rate_30d AS attendanceRate30d,
      f.attendance_trend AS attendanceTrend, f.longest_absence_streak AS longestAbsenceStreak,
      f.late_count AS lateCount, f.incidents_sev1_90d AS incidentsSev1_90d,
      f.incidents_sev2_90d AS incidentsSev2_90d, f.incidents_sev3_90d AS incidentsSev3_90d,
      f.suspension_days AS suspensionDays, f.average_mark AS averageMark,
      f.last_term_average AS lastTermAverage, f.mark_trend AS markTrend,
      f.failed_subjects AS failedSubjects, f.over_age_years AS overAgeYears,
      f.repeated_grade AS repeatedGrade, f.school_moves AS schoolMoves,
      s.sex, s.ethnicity, s.low_income AS lowIncome
    FROM student_features f JOIN students s ON s.id = f.student_id
    WHERE f.school_id = ? AND s.deleted_at IS NULL AND s.status = 'active'`;
  type Row = Omit<StudentFeatures, 'repeatedGrade'> &
    ProtectedFacts & { id: string; repeatedGrade: number };
  const rows: Row[] = [];
  if (ids === undefined) {
    rows.push(...(db.prepare(select).all(schoolId) as Row[]));
  } else {
    const one = db.prepare(`${select} AND f.student_id = ?`);
    for (const id of ids) {
      const row = one.get(schoolId, id) as Row | undefined;
      if (row) rows.push(row);
    }
  }
  return new Map(
    rows.map(({ id, sex, ethnicity, lowIncome, ...f }) => [
      id,
      { ...f, repeatedGrade: f.repeatedGrade === 1, facts: { sex, ethnicity, lowIncome } },
    ]),
  );
}
