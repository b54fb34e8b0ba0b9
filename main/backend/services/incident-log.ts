import type { IncidentLogEntry } from '../../../contract/domains/views-incidents';
import { incidentLogInput, type IncidentLogQuery } from '../../../contract/domains/views-incidents';
import { prepared, type Db } from '../../../db';
import { toIncident, type IncidentRow } from './incidents';
import { parseInput } from './records-support';

type Row = IncidentRow & { student_name: string; class_name: string | null };

/**
 * The school's incidents, newest first (at most `limit`, 200 by default), with the student's
 * name and class today; filtered by class, severity and dates. A teacher (teacherId) sees
 * only incidents of students in their classes today.
 */
export function incidentLog(
  db: Db,
  schoolId: string,
  query: IncidentLogQuery,
  options: { today: string; teacherId: string | null },
): IncidentLogEntry[] {
  const q = parseInput(incidentLogInput, query);
  const rows = prepared(
    db,
    `SELECT b.*, s.first_name || ' ' || s.last_name AS student_name, c.name AS class_name
     FROM behaviour_incidents b
     JOIN students s ON s.school_id = b.school_id AND s.id = b.student_id AND s.deleted_at IS NULL
     LEFT JOIN classes c ON c.id = (SELECT e.class_id FROM enrolments e
       WHERE e.school_id = s.school_id AND e.student_id = s.id AND e.deleted_at IS NULL
         AND e.start_date <= @today AND (e.end_date IS NULL OR e.end_date >= @today)
       ORDER BY e.start_date DESC LIMIT 1)
     WHERE b.school_id = @school AND b.deleted_at IS NULL
       AND (@classId IS NULL OR c.id = @classId)
       AND (@teacher IS NULL OR c.teacher_id = @teacher)
       AND (@severity IS NULL OR b.severity = @severity)
       AND (@from IS NULL OR b.date >= @from)
       AND (@to IS NULL OR b.date <= @to)
     ORDER BY b.date DESC, b.created_at DESC
     LIMIT @limit`,
  ).all({
    school: schoolId,
    today: options.today,
    classId: q.classId ?? null,
    teacher: options.teacherId,
    severity: q.severity ?? null,
    from: q.from ?? null,
    to: q.to ?? null,
    limit: q.limit ?? 200,
  }) as Row[];
  return rows.map((r) => ({
    ...toIncident(r),
    studentName: r.student_name,
    className: r.class_name,
  }));
}
