import {
  endEnrolmentInput,
  enrolInput,
  type EndEnrolmentRequest,
  type EnrolRequest,
  type EnrolResult,
} from '../../../contract/domains/records-classes';
import type { Enrolment } from '../../../contract/domains/records-students';
import { BeaconError, newId, type Db, writeTransaction } from '../../../db';
import { refreshStudentFeatures } from '../keep-current';
import { classRow } from './classes';
import { addDays, schoolYearRangeFor } from './records-dates';
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

interface EnrolmentRow extends SyncedRow {
  student_id: string;
  class_id: string;
  start_date: string;
  end_date: string | null;
}

const enrolmentSql = `SELECT e.id, e.student_id, e.class_id, c.name AS class_name,
    c.school_year, e.start_date, e.end_date
  FROM enrolments e JOIN classes c ON c.id = e.class_id`;

interface EnrolmentView {
  id: string;
  student_id: string;
  class_id: string;
  class_name: string;
  school_year: string;
  start_date: string;
  end_date: string | null;
}

const toEnrolment = (r: EnrolmentView): Enrolment => ({
  id: r.id,
  studentId: r.student_id,
  classId: r.class_id,
  className: r.class_name,
  schoolYear: r.school_year,
  startDate: r.start_date,
  endDate: r.end_date,
});

function enrolmentById(db: Db, id: string): Enrolment {
  return toEnrolment(prepared(db, `${enrolmentSql} WHERE e.id = ?`).get(id) as EnrolmentView);
}

/** A student's enrolments, oldest first: the class history a move never loses. */
export function studentEnrolments(db: Db, schoolId: string, studentId: string): Enrolment[] {
  return (
    prepared(
      db,
      `${enrolmentSql} WHERE e.school_id = ? AND e.student_id = ? AND e.deleted_at IS NULL
       ORDER BY e.start_date, e.created_at`,
    ).all(schoolId, studentId) as EnrolmentView[]
  ).map(toEnrolment);
}

/**
 * Enrols a student in a class from a date. A student in another class is moved: that enrolment
 * ends the day before (an enrolment starting that same day is replaced, as it covered no day).
 * Refuses students who have left, dates outside the class's school year, and a later enrolment
 * already on record.
 */
export function enrolStudent(db: Db, actor: Actor, data: EnrolRequest): EnrolResult {
  const input = parseInput(enrolInput, data);
  return writeTransaction(db, () => {
    const student = liveRow<SyncedRow & Parameters<typeof studentLabel>[0] & { status: string }>(
      db,
      'students',
      actor.schoolId,
      input.studentId,
      'student',
    );
    const cls = classRow(db, actor.schoolId, input.classId);
    if (student.status !== 'active') {
      throw new BeaconError(
        'CONFLICT',
        `${studentLabel(student)} is not an active student (${student.status.replace('_', ' ')}): record their return first.`,
      );
    }
    const year = schoolYearRangeFor(db, actor.schoolId, cls.school_year);
    if (input.startDate < year.from || input.startDate > year.to) {
      throw new BeaconError(
        'INVALID_INPUT',
        `${input.startDate} is outside ${cls.name}'s school year ${cls.school_year} (${year.from} to ${year.to}).`,
      );
    }
    const open = prepared(
      db,
      `SELECT * FROM enrolments WHERE school_id = ? AND student_id = ? AND deleted_at IS NULL
         AND (end_date IS NULL OR end_date >= ?) ORDER BY start_date`,
    ).all(actor.schoolId, input.studentId, input.startDate) as EnrolmentRow[];
    let ended: Enrolment | null = null;
    let replaced = false;
    for (const e of open) {
      const other = enrolmentById(db, e.id);
      if (e.start_date > input.startDate) {
        throw new BeaconError(
          'CONFLICT',
          `${studentLabel(student)} is already enrolled in ${other.className} from ${e.start_date}, after ${input.startDate}; end or correct that enrolment first.`,
        );
      }
      if (e.class_id === input.classId) {
        throw new BeaconError(
          'CONFLICT',
          `${studentLabel(student)} is already enrolled in ${cls.name} since ${e.start_date}.`,
        );
      }
      if (e.start_date === input.startDate) {
        softDeleteAudited(db, actor, 'enrolments', e);
        ended = other;
        replaced = true;
      } else {
        updateAudited(db, actor, 'enrolments', e, { end_date: addDays(input.startDate, -1) });
        ended = enrolmentById(db, e.id);
      }
    }
    const id = newId();
    insertAudited(db, actor, 'enrolments', {
      id,
      student_id: input.studentId,
      class_id: input.classId,
      start_date: input.startDate,
      end_date: null,
    });
    refreshStudentFeatures(db, actor.schoolId, [input.studentId]);
    return { enrolment: enrolmentById(db, id), ended, replaced };
  });
}

/** Ends an enrolment on a date (the student's last day in the class). */
export function endEnrolment(db: Db, actor: Actor, data: EndEnrolmentRequest): Enrolment {
  const input = parseInput(endEnrolmentInput, data);
  return writeTransaction(db, () => {
    const before = liveRow<EnrolmentRow>(
      db,
      'enrolments',
      actor.schoolId,
      input.enrolmentId,
      'enrolment',
    );
    if (input.endDate < before.start_date) {
      throw new BeaconError(
        'INVALID_INPUT',
        `The end date ${input.endDate} is before the enrolment's start ${before.start_date}.`,
      );
    }
    const { changed } = updateAudited(db, actor, 'enrolments', before, {
      end_date: input.endDate,
    });
    if (changed) refreshStudentFeatures(db, actor.schoolId, [before.student_id]);
    return enrolmentById(db, before.id);
  });
}

/**
 * Ends (or, when they start on or after the date, removes) a leaving student's enrolments, so
 * the student is on no register from `effectiveDate` on. Used by status changes.
 */
export function closeEnrolmentsFrom(
  db: Db,
  actor: Actor,
  studentId: string,
  effectiveDate: string,
): void {
  const open = prepared(
    db,
    `SELECT * FROM enrolments WHERE school_id = ? AND student_id = ? AND deleted_at IS NULL
       AND (end_date IS NULL OR end_date >= ?) ORDER BY start_date`,
  ).all(actor.schoolId, studentId, effectiveDate) as EnrolmentRow[];
  for (const e of open) {
    if (e.start_date < effectiveDate) {
      updateAudited(db, actor, 'enrolments', e, { end_date: addDays(effectiveDate, -1) });
    } else {
      softDeleteAudited(db, actor, 'enrolments', e);
    }
  }
}
