import {
  assessmentEditInput,
  marksGridInput,
  newAssessmentInput,
  type Assessment,
  type AssessmentEdit,
  type MarksGridRequest,
  type NewAssessment,
} from '../../../contract/domains/records-marks';
import { assertPossibleDate } from './date-bounds';
import { BeaconError, newId, type Db, writeTransaction } from '../../../db';
import { refreshFeaturesAfter } from '../keep-current';
import { classRow, type ClassRow } from './classes';
import { schoolYearRangeFor } from './records-dates';
import {
  insertAudited,
  liveRow,
  parseInput,
  prepared,
  softDeleteAudited,
  studentLabel,
  updateAudited,
  type Actor,
  type SyncedRow,
} from './records-support';
import { termRow } from './terms';

export interface AssessmentRow extends SyncedRow {
  class_id: string;
  term_id: string | null;
  subject: string;
  name: string;
  date: string | null;
  max_score: number;
  weight: number;
}

export const toAssessment = (r: AssessmentRow): Assessment => ({
  id: r.id,
  classId: r.class_id,
  termId: r.term_id,
  subject: r.subject,
  name: r.name,
  date: r.date,
  maxScore: r.max_score,
  weight: r.weight,
  updatedAt: r.updated_at,
});

/** A live assessment of this school, or NOT_FOUND. */
export const assessmentRow = (db: Db, schoolId: string, assessmentId: string): AssessmentRow =>
  liveRow<AssessmentRow>(db, 'assessments', schoolId, assessmentId, 'assessment');

/**
 * The dates whose enrolments make a student part of a class's marks: the term's, or the class's
 * whole school year when there is no term.
 */
export function markingPeriod(
  db: Db,
  schoolId: string,
  cls: ClassRow,
  termId: string | null,
): { from: string; to: string } {
  if (!termId) return schoolYearRangeFor(db, schoolId, cls.school_year);
  const term = termRow(db, schoolId, termId);
  if (term.school_year !== cls.school_year) {
    throw new BeaconError(
      'INVALID_INPUT',
      `Term ${term.name} belongs to ${term.school_year}, but class ${cls.name} to ${cls.school_year}.`,
    );
  }
  return { from: term.start_date, to: term.end_date };
}

function assertDateInPeriod(date: string | null, period: { from: string; to: string }) {
  if (date && (date < period.from || date > period.to)) {
    throw new BeaconError(
      'INVALID_INPUT',
      `The assessment date ${date} is outside its period (${period.from} to ${period.to}).`,
    );
  }
}

/** Bounds that check only the floor: planned assessments lie ahead of today. */
const noFuture = { today: '9999-12-31', latest: '9999-12-31' };

/** Creates an assessment of a class (subject, optional term and date, maximum, weight). */
export function createAssessment(db: Db, actor: Actor, data: NewAssessment): Assessment {
  const input = parseInput(newAssessmentInput, data);
  // Only the floor: an assessment may be planned ahead, within its period (checked below).
  assertPossibleDate(noFuture, 'date', 'The assessment date', input.date);
  return writeTransaction(db, () => {
    const cls = classRow(db, actor.schoolId, input.classId);
    const period = markingPeriod(db, actor.schoolId, cls, input.termId ?? null);
    assertDateInPeriod(input.date ?? null, period);
    const row = insertAudited(db, actor, 'assessments', {
      id: newId(),
      class_id: cls.id,
      term_id: input.termId ?? null,
      subject: input.subject,
      name: input.name,
      date: input.date ?? null,
      max_score: input.maxScore,
      weight: input.weight ?? 1,
    }) as AssessmentRow;
    return toAssessment(row);
  });
}

/**
 * Edits an assessment. A new maximum below a mark already given is refused naming the student;
 * the features of students with marks are refreshed, as their averages move.
 */
export function editAssessment(db: Db, actor: Actor, data: AssessmentEdit): Assessment {
  const input = parseInput(assessmentEditInput, data);
  assertPossibleDate(noFuture, 'date', 'The assessment date', input.date);
  return writeTransaction(db, () => {
    const before = assessmentRow(db, actor.schoolId, input.assessmentId);
    const cls = classRow(db, actor.schoolId, before.class_id);
    const termId = input.termId === undefined ? before.term_id : input.termId;
    const date = input.date === undefined ? before.date : input.date;
    assertDateInPeriod(date, markingPeriod(db, actor.schoolId, cls, termId));
    if (input.maxScore !== undefined && input.maxScore < before.max_score) {
      const over = prepared(
        db,
        `SELECT m.score, s.first_name, s.last_name, s.student_number FROM marks m
         JOIN students s ON s.id = m.student_id
         WHERE m.assessment_id = ? AND m.deleted_at IS NULL AND m.score > ?
         ORDER BY m.score DESC LIMIT 1`,
      ).get(before.id, input.maxScore) as
        (Parameters<typeof studentLabel>[0] & { score: number }) | undefined;
      if (over) {
        throw new BeaconError(
          'CONFLICT',
          `${studentLabel(over)} already has ${over.score}, above the new maximum of ${input.maxScore}.`,
        );
      }
    }
    const { row, changed } = updateAudited(db, actor, 'assessments', before, {
      term_id: input.termId,
      subject: input.subject,
      name: input.name,
      date: input.date,
      max_score: input.maxScore,
      weight: input.weight,
    });
    if (changed) {
      refreshFeaturesAfter(db, actor.schoolId, { kind: 'assessment', assessmentId: before.id });
    }
    return toAssessment(row);
  });
}

/** Deletes an assessment and its marks (tombstones that sync), refreshing those students. */
export function deleteAssessment(db: Db, actor: Actor, assessmentId: string): { id: string } {
  return writeTransaction(db, () => {
    const before = assessmentRow(db, actor.schoolId, assessmentId);
    const marks = prepared(
      db,
      'SELECT * FROM marks WHERE assessment_id = ? AND deleted_at IS NULL',
    ).all(before.id) as SyncedRow[];
    for (const mark of marks) softDeleteAudited(db, actor, 'marks', mark);
    softDeleteAudited(db, actor, 'assessments', before);
    refreshFeaturesAfter(db, actor.schoolId, { kind: 'assessment', assessmentId: before.id });
    return { id: before.id };
  });
}

/** A class's assessments (of one term when given) by date, then creation. */
export function listAssessments(db: Db, schoolId: string, query: MarksGridRequest): Assessment[] {
  const q = parseInput(marksGridInput, query);
  classRow(db, schoolId, q.classId);
  return (
    prepared(
      db,
      `SELECT * FROM assessments WHERE school_id = ? AND class_id = ?
         AND (? IS NULL OR term_id = ?) AND deleted_at IS NULL
       ORDER BY date IS NULL, date, created_at`,
    ).all(schoolId, q.classId, q.termId ?? null, q.termId ?? null) as AssessmentRow[]
  ).map(toAssessment);
}
