import {
  interventionEditInput,
  newInterventionInput,
  type Intervention,
  type InterventionEdit,
  type InterventionStatus,
  type NewIntervention,
} from '../../../contract/domains/records-behaviour';
import { BeaconError, newId, type Db, writeTransaction } from '../../../db';
import { assertUserOfSchool } from './classes';
import {
  blankToNull,
  insertAudited,
  liveRow,
  parseInput,
  prepared,
  updateAudited,
  type Actor,
  type SyncedRow,
} from './records-support';
import { studentRow } from './students';

export interface InterventionRow extends SyncedRow {
  student_id: string;
  type: string;
  owner_id: string | null;
  start_date: string;
  review_date: string | null;
  status: InterventionStatus;
  outcome_note: string | null;
}

export interface InterventionView extends InterventionRow {
  student_name: string;
  owner_name: string | null;
}

/** A joined intervention row as the contract has it. */
export const toIntervention = (r: InterventionView): Intervention => ({
  id: r.id,
  studentId: r.student_id,
  studentName: r.student_name,
  type: r.type,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  startDate: r.start_date,
  reviewDate: r.review_date,
  status: r.status,
  outcomeNote: r.outcome_note,
  updatedAt: r.updated_at,
});

/** Interventions with their student's and owner's names; the log view reads the same shape. */
export const viewSql = `SELECT i.*, s.first_name || ' ' || s.last_name AS student_name,
    u.display_name AS owner_name
  FROM interventions i JOIN students s ON s.id = i.student_id
  LEFT JOIN users u ON u.id = i.owner_id`;

const view = (db: Db, id: string): Intervention =>
  toIntervention(prepared(db, `${viewSql} WHERE i.id = ?`).get(id) as InterventionView);

/** A live intervention of this school, or NOT_FOUND. */
export const interventionRow = (db: Db, schoolId: string, interventionId: string) =>
  liveRow<InterventionRow>(db, 'interventions', schoolId, interventionId, 'intervention');

function assertReviewAfterStart(startDate: string, reviewDate: string | null) {
  if (reviewDate && reviewDate < startDate) {
    throw new BeaconError(
      'INVALID_INPUT',
      `The review date ${reviewDate} is before the start date ${startDate}.`,
    );
  }
}

/** Records an intervention for a student: type, owner, start and review dates, status. */
export function createIntervention(db: Db, actor: Actor, data: NewIntervention): Intervention {
  const input = parseInput(newInterventionInput, data);
  return writeTransaction(db, () => {
    const student = studentRow(db, actor.schoolId, input.studentId);
    if (input.ownerId) assertUserOfSchool(db, actor.schoolId, input.ownerId, 'owner');
    assertReviewAfterStart(input.startDate, input.reviewDate ?? null);
    const id = newId();
    insertAudited(db, actor, 'interventions', {
      id,
      student_id: student.id,
      type: input.type,
      owner_id: input.ownerId ?? null,
      start_date: input.startDate,
      review_date: input.reviewDate ?? null,
      status: input.status ?? 'planned',
      outcome_note: blankToNull(input.outcomeNote) ?? null,
    });
    return view(db, id);
  });
}

/** Changes the fields given of an intervention (its status, review date, outcome...). */
export function editIntervention(db: Db, actor: Actor, data: InterventionEdit): Intervention {
  const input = parseInput(interventionEditInput, data);
  return writeTransaction(db, () => {
    const before = interventionRow(db, actor.schoolId, input.interventionId);
    if (input.ownerId) assertUserOfSchool(db, actor.schoolId, input.ownerId, 'owner');
    assertReviewAfterStart(
      input.startDate ?? before.start_date,
      input.reviewDate === undefined ? before.review_date : input.reviewDate,
    );
    updateAudited(db, actor, 'interventions', before, {
      type: input.type,
      owner_id: input.ownerId,
      start_date: input.startDate,
      review_date: input.reviewDate,
      status: input.status,
      outcome_note: blankToNull(input.outcomeNote),
    });
    return view(db, before.id);
  });
}

/** A student's interventions, most recent start first. */
export function listInterventions(db: Db, schoolId: string, studentId: string): Intervention[] {
  studentRow(db, schoolId, studentId);
  return (
    prepared(
      db,
      `${viewSql} WHERE i.school_id = ? AND i.student_id = ? AND i.deleted_at IS NULL
       ORDER BY i.start_date DESC, i.created_at DESC`,
    ).all(schoolId, studentId) as InterventionView[]
  ).map(toIntervention);
}

/**
 * Open interventions (planned or active) whose review date is on or before `today`, oldest
 * review first. For a teacher (teacherId): those they own or of students in their classes today.
 */
export function listInterventionsDue(
  db: Db,
  schoolId: string,
  options: { today: string; teacherId?: string | null },
): Intervention[] {
  return (
    prepared(
      db,
      `${viewSql} WHERE i.school_id = @school AND i.deleted_at IS NULL AND s.deleted_at IS NULL
         AND i.review_date <= @today AND i.status IN ('planned', 'active')
         AND (@teacher IS NULL OR i.owner_id = @teacher OR EXISTS (
           SELECT 1 FROM enrolments e JOIN classes c ON c.id = e.class_id
           WHERE e.school_id = i.school_id AND e.student_id = i.student_id
             AND c.teacher_id = @teacher AND e.deleted_at IS NULL AND c.deleted_at IS NULL
             AND e.start_date <= @today AND (e.end_date IS NULL OR e.end_date >= @today)))
       ORDER BY i.review_date, s.last_name, s.first_name`,
    ).all({
      school: schoolId,
      today: options.today,
      teacher: options.teacherId ?? null,
    }) as InterventionView[]
  ).map(toIntervention);
}
