import {
  incidentEditInput,
  newIncidentInput,
  type Incident,
  type IncidentEdit,
  type NewIncident,
} from '../../../contract/domains/records-behaviour';
import { assertPossibleDate, boundsFor } from './date-bounds';
import { newId, type Db, writeTransaction } from '../../../db';
import { refreshStudentFeatures } from '../keep-current';
import {
  blankToNull,
  insertAudited,
  liveRow,
  parseInput,
  prepared,
  softDeleteAudited,
  updateAudited,
  type Actor,
  type SyncedRow,
} from './records-support';
import { studentRow } from './students';

export interface IncidentRow extends SyncedRow {
  student_id: string;
  date: string;
  category: string;
  severity: 1 | 2 | 3;
  description: string | null;
  action_taken: string | null;
  suspension_days: number;
  recorded_by: string | null;
}

/** A stored incident as the contract has it. */
export const toIncident = (r: IncidentRow): Incident => ({
  id: r.id,
  studentId: r.student_id,
  date: r.date,
  category: r.category,
  severity: r.severity,
  description: r.description,
  actionTaken: r.action_taken,
  suspensionDays: r.suspension_days,
  recordedBy: r.recorded_by,
  updatedAt: r.updated_at,
});

/** A live incident of this school, or NOT_FOUND. */
export const incidentRow = (db: Db, schoolId: string, incidentId: string): IncidentRow =>
  liveRow<IncidentRow>(db, 'behaviour_incidents', schoolId, incidentId, 'incident');

/** Records a behaviour incident for a student and refreshes their behaviour features. */
export function createIncident(db: Db, actor: Actor, data: NewIncident): Incident {
  const input = parseInput(newIncidentInput, data);
  assertPossibleDate(boundsFor(db, actor), 'date', 'The incident date', input.date);
  return writeTransaction(db, () => {
    const student = studentRow(db, actor.schoolId, input.studentId);
    const row = insertAudited(db, actor, 'behaviour_incidents', {
      id: newId(),
      student_id: student.id,
      date: input.date,
      category: input.category,
      severity: input.severity,
      description: blankToNull(input.description) ?? null,
      action_taken: blankToNull(input.actionTaken) ?? null,
      suspension_days: input.suspensionDays ?? 0,
      recorded_by: actor.userId,
    }) as IncidentRow;
    refreshStudentFeatures(db, actor.schoolId, [student.id]);
    return toIncident(row);
  });
}

/** Changes the fields given of an incident (null clears a text); a no-op writes nothing. */
export function editIncident(db: Db, actor: Actor, data: IncidentEdit): Incident {
  const input = parseInput(incidentEditInput, data);
  assertPossibleDate(boundsFor(db, actor), 'date', 'The incident date', input.date);
  return writeTransaction(db, () => {
    const before = incidentRow(db, actor.schoolId, input.incidentId);
    const { row, changed } = updateAudited(db, actor, 'behaviour_incidents', before, {
      date: input.date,
      category: input.category,
      severity: input.severity,
      description: blankToNull(input.description),
      action_taken: blankToNull(input.actionTaken),
      suspension_days: input.suspensionDays,
    });
    if (changed) refreshStudentFeatures(db, actor.schoolId, [before.student_id]);
    return toIncident(row);
  });
}

/** Deletes an incident (a tombstone that syncs) and refreshes the student's features. */
export function deleteIncident(db: Db, actor: Actor, incidentId: string): { id: string } {
  return writeTransaction(db, () => {
    const before = incidentRow(db, actor.schoolId, incidentId);
    softDeleteAudited(db, actor, 'behaviour_incidents', before);
    refreshStudentFeatures(db, actor.schoolId, [before.student_id]);
    return { id: before.id };
  });
}

/** A student's incidents, newest first. */
export function listIncidents(db: Db, schoolId: string, studentId: string): Incident[] {
  studentRow(db, schoolId, studentId);
  return (
    prepared(
      db,
      `SELECT * FROM behaviour_incidents WHERE school_id = ? AND student_id = ?
         AND deleted_at IS NULL ORDER BY date DESC, created_at DESC`,
    ).all(schoolId, studentId) as IncidentRow[]
  ).map(toIncident);
}
