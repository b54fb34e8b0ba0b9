import type { Intervention } from '../../../contract/domains/records-behaviour';
import {
  interventionLogInput,
  type InterventionLogQuery,
} from '../../../contract/domains/views-interventions';
import { prepared, type Db } from '../../../db';
import { toIntervention, viewSql, type InterventionView } from './interventions';
import { parseInput } from './records-support';

/**
 * The school's interventions, soonest review first (none last), optionally only `ownerId`'s,
 * of one status, or due by a date. A teacher (teacherId) sees those they own or of students in
 * their classes today, as listInterventionsDue decides.
 */
export function interventionLog(
  db: Db,
  schoolId: string,
  query: InterventionLogQuery,
  options: { today: string; ownerId: string | null; teacherId: string | null },
): Intervention[] {
  const q = parseInput(interventionLogInput, query);
  return (
    prepared(
      db,
      `${viewSql} WHERE i.school_id = @school AND i.deleted_at IS NULL AND s.deleted_at IS NULL
         AND (@owner IS NULL OR i.owner_id = @owner)
         AND (@status IS NULL OR i.status = @status)
         AND (@dueBy IS NULL OR i.review_date <= @dueBy)
         AND (@teacher IS NULL OR i.owner_id = @teacher OR EXISTS (
           SELECT 1 FROM enrolments e JOIN classes c ON c.id = e.class_id
           WHERE e.school_id = i.school_id AND e.student_id = i.student_id
             AND c.teacher_id = @teacher AND e.deleted_at IS NULL AND c.deleted_at IS NULL
             AND e.start_date <= @today AND (e.end_date IS NULL OR e.end_date >= @today)))
       ORDER BY i.review_date IS NULL, i.review_date, s.last_name, s.first_name`,
    ).all({
      school: schoolId,
      owner: q.mine ? (options.ownerId ?? '-') : null,
      status: q.status ?? null,
      dueBy: q.dueBy ?? null,
      teacher: options.teacherId,
      today: options.today,
    }) as InterventionView[]
  ).map(toIntervention);
}
