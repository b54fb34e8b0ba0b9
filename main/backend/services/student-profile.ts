import type { StudentProfileView } from '../../../contract/domains/views-student-profile';
import { prepared, type Db } from '../../../db';
import { studentRow } from './students';

/** `iso` moved by `days` calendar days. */
function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The student profile's figures in one read: the last year's attendance by day, the rates the
 * feature store keeps, weighted subject averages per term, and every scoring with the model
 * version that made it. NOT_FOUND for a student not in the school.
 */
export function studentProfile(
  db: Db,
  schoolId: string,
  studentId: string,
  today: string,
): StudentProfileView {
  studentRow(db, schoolId, studentId);
  const attendance = prepared(
    db,
    `SELECT date, status FROM attendance
     WHERE school_id = ? AND student_id = ? AND deleted_at IS NULL AND date > ? AND date <= ?
     ORDER BY date`,
  ).all(schoolId, studentId, addDays(today, -365), today) as StudentProfileView['attendance'];
  const rates = prepared(
    db,
    `SELECT attendance_rate_30d AS r30, attendance_rate AS ry FROM student_features
     WHERE school_id = ? AND student_id = ?`,
  ).get(schoolId, studentId) as { r30: number | null; ry: number | null } | undefined;
  const marks = prepared(
    db,
    `SELECT a.term_id AS termId, t.name AS termName, t.start_date AS termStart, a.subject,
       sum(m.score / a.max_score * a.weight) / sum(a.weight) AS average,
       count(*) AS assessments
     FROM marks m
     JOIN assessments a ON a.school_id = m.school_id AND a.id = m.assessment_id
       AND a.deleted_at IS NULL
     LEFT JOIN terms t ON t.school_id = a.school_id AND t.id = a.term_id
     WHERE m.school_id = ? AND m.student_id = ? AND m.deleted_at IS NULL
     GROUP BY a.term_id, a.subject
     ORDER BY t.start_date IS NULL, t.start_date, a.subject`,
  ).all(schoolId, studentId) as StudentProfileView['marks'];
  const riskHistory = prepared(
    db,
    `SELECT h.scored_at AS scoredAt, h.score, h.tier, h.model_version_id AS modelVersionId,
       v.kind AS modelKind, v.created_at AS modelCreatedAt
     FROM risk_score_history h
     LEFT JOIN model_versions v ON v.school_id = h.school_id AND v.id = h.model_version_id
     WHERE h.school_id = ? AND h.student_id = ?
     ORDER BY h.scored_at`,
  ).all(schoolId, studentId) as StudentProfileView['riskHistory'];
  return {
    studentId,
    attendance,
    attendanceRate30d: rates?.r30 ?? null,
    attendanceRateYear: rates?.ry ?? null,
    marks,
    riskHistory,
  };
}
