import {
  studentStatusChangeInput,
  type StudentStatusChangeRequest,
} from '../../../contract/domains/records-students';
import { BeaconError, newId, type Db, writeTransaction } from '../../../db';
import { refreshStudentFeatures } from '../keep-current';
import { closeEnrolmentsFrom, enrolStudent } from './enrolments';
import {
  blankToNull,
  insertAudited,
  parseInput,
  prepared,
  studentLabel,
  updateAudited,
  type Actor,
} from './records-support';
import { studentRow } from './students';

const statusWords: Record<string, string> = {
  active: 'active',
  transferred_out: 'transferred out',
  dropped_out: 'dropped out',
  graduated: 'graduated',
  returned: 'returned',
};

/**
 * Records that a student transferred out, dropped out, graduated or returned, effective on a
 * date, keeping the history. A leaving student's enrolments end the day before; a returning one
 * becomes active again (and is enrolled in `classId` when given). Transfers and dropouts stay
 * distinct statuses: only dropouts count as the outcome the risk model predicts.
 */
export function changeStudentStatus(
  db: Db,
  actor: Actor,
  data: StudentStatusChangeRequest,
): string {
  const input = parseInput(studentStatusChangeInput, data);
  return writeTransaction(db, () => {
    const student = studentRow(db, actor.schoolId, input.studentId);
    const who = studentLabel(student);
    if (input.classId && input.status !== 'returned') {
      throw new BeaconError('INVALID_INPUT', 'A class can only be given when a student returns.');
    }
    if (input.status === 'returned' && student.status === 'active') {
      throw new BeaconError('CONFLICT', `${who} is already an active student.`);
    }
    if (input.status !== 'returned' && student.status !== 'active') {
      throw new BeaconError(
        'CONFLICT',
        `${who} is already ${statusWords[student.status]}: record their return first.`,
      );
    }
    const last = prepared(
      db,
      `SELECT status, effective_date FROM student_status_changes
       WHERE school_id = ? AND student_id = ? AND deleted_at IS NULL
       ORDER BY effective_date DESC, created_at DESC LIMIT 1`,
    ).get(actor.schoolId, student.id) as { status: string; effective_date: string } | undefined;
    if (last && input.effectiveDate < last.effective_date) {
      throw new BeaconError(
        'INVALID_INPUT',
        `${input.effectiveDate} is before ${who}'s last status change (${statusWords[last.status]} on ${last.effective_date}).`,
      );
    }
    insertAudited(db, actor, 'student_status_changes', {
      id: newId(),
      student_id: student.id,
      status: input.status,
      effective_date: input.effectiveDate,
      reason: blankToNull(input.reason) ?? null,
      recorded_by: actor.userId,
    });
    const status = input.status === 'returned' ? 'active' : input.status;
    updateAudited(db, actor, 'students', student, { status });
    if (input.status === 'returned') {
      if (input.classId) {
        enrolStudent(db, actor, {
          studentId: student.id,
          classId: input.classId,
          startDate: input.effectiveDate,
        });
      }
    } else {
      closeEnrolmentsFrom(db, actor, student.id, input.effectiveDate);
    }
    refreshStudentFeatures(db, actor.schoolId, [student.id]);
    return student.id;
  });
}
