import type {
  StudentIndicator,
  StudentSortColumn,
  StudentTable,
  StudentTableQuery,
  StudentTableRow,
} from '../../../contract/domains/views-students';
import { studentTableInput } from '../../../contract/domains/views-students';
import { prepared, type Db } from '../../../db';
import { parseInput } from './records-support';

/** Each indicator as a condition on the feature store (`f`); thresholds are decided here only. */
const indicatorSql: Record<StudentIndicator, string> = {
  lowAttendance30d: 'f.attendance_rate_30d < 0.9',
  lowAttendanceYear: 'f.attendance_rate < 0.9',
  recentIncidents: '(f.incidents_sev1_90d + f.incidents_sev2_90d + f.incidents_sev3_90d) > 0',
  failingSubjects: 'f.failed_subjects > 0',
};

const byName = 's.last_name, s.first_name, s.student_number';

/** Each sort column: what orders it (direction added), then a stable tie-break by name. */
const sortSql: Record<StudentSortColumn, (dir: string) => string> = {
  name: (dir) => `s.last_name ${dir}, s.first_name ${dir}, s.student_number ${dir}`,
  // Numbers often share a prefix (S9, S10): shorter first reads as a person expects.
  number: (dir) => `length(s.student_number) ${dir}, s.student_number ${dir}`,
  class: (dir) => `c.name IS NULL, c.name ${dir}, ${byName}`,
  grade: (dir) => `s.grade_level IS NULL, s.grade_level ${dir}, ${byName}`,
  risk: (dir) => `r.score IS NULL, r.score ${dir}, ${byName}`,
  attendance30d: (dir) => `f.attendance_rate_30d IS NULL, f.attendance_rate_30d ${dir}, ${byName}`,
  status: (dir) => `s.status ${dir}, ${byName}`,
};

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

interface Row {
  id: string;
  student_number: string;
  first_name: string;
  last_name: string;
  grade_level: number | null;
  status: StudentTableRow['status'];
  archived_at: string | null;
  class_id: string | null;
  class_name: string | null;
  tier: StudentTableRow['tier'];
  score: number | null;
  attendance_rate_30d: number | null;
}

/**
 * The Students screen's table: every matching student with today's class, risk tier and score
 * and 30-day attendance, filtered and sorted in one query. Archived students are left out unless
 * asked for; a teacher (`teacherId`) sees only students of their classes today.
 */
export function studentTable(
  db: Db,
  schoolId: string,
  query: StudentTableQuery,
  options: { today: string; teacherId?: string | null },
): StudentTable {
  const q = parseInput(studentTableInput, query);
  const search = q.search ? q.search : null;
  const indicator = q.indicator ? `AND ${indicatorSql[q.indicator]}` : '';
  const order = sortSql[q.sort ?? 'name'](q.descending ? 'DESC' : 'ASC');
  const rows = prepared(
    db,
    `SELECT s.id, s.student_number, s.first_name, s.last_name, s.grade_level, s.status,
       s.archived_at, c.id AS class_id, c.name AS class_name, r.tier, r.score,
       f.attendance_rate_30d
     FROM students s
     LEFT JOIN classes c ON c.id = (SELECT e.class_id FROM enrolments e
       WHERE e.school_id = s.school_id AND e.student_id = s.id AND e.deleted_at IS NULL
         AND e.start_date <= @today AND (e.end_date IS NULL OR e.end_date >= @today)
       ORDER BY e.start_date DESC LIMIT 1)
     LEFT JOIN risk_scores r ON r.school_id = s.school_id AND r.student_id = s.id
     LEFT JOIN student_features f ON f.school_id = s.school_id AND f.student_id = s.id
     WHERE s.school_id = @school AND s.deleted_at IS NULL
       AND (@archived = 1 OR s.archived_at IS NULL)
       AND (@status IS NULL OR s.status = @status)
       AND (@grade IS NULL OR s.grade_level = @grade)
       AND (@tier IS NULL OR r.tier = @tier)
       AND (@classId IS NULL OR c.id = @classId)
       AND (@search IS NULL OR s.student_number LIKE @like ESCAPE '\\'
         OR (s.first_name || ' ' || s.last_name) LIKE @like ESCAPE '\\'
         OR (s.last_name || ' ' || s.first_name) LIKE @like ESCAPE '\\')
       AND (@teacher IS NULL OR c.teacher_id = @teacher)
       ${indicator}
     ORDER BY ${order}`,
  ).all({
    school: schoolId,
    today: options.today,
    archived: q.includeArchived ? 1 : 0,
    status: q.status ?? null,
    grade: q.gradeLevel ?? null,
    tier: q.tier ?? null,
    classId: q.classId ?? null,
    search,
    like: search ? likePattern(search) : null,
    teacher: options.teacherId ?? null,
  }) as Row[];
  return {
    rows: rows.map((r) => ({
      id: r.id,
      studentNumber: r.student_number,
      firstName: r.first_name,
      lastName: r.last_name,
      gradeLevel: r.grade_level,
      classId: r.class_id,
      className: r.class_name,
      status: r.status,
      archived: r.archived_at !== null,
      tier: r.tier,
      score: r.score,
      attendance30d: r.attendance_rate_30d,
    })),
  };
}
