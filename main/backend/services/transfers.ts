import type { ProbableTransfer } from '../../../contract/domains/district';
import { BeaconError, writeTransaction, type Db } from '../../../db';
import { refreshStudentFeatures } from '../keep-current';
import {
  liveRow,
  prepared,
  studentLabel,
  updateAudited,
  type Actor,
  type SyncedRow,
} from './records-support';
import { studentRow } from './students';

/**
 * The probable transfers the last sync brought, both ways. A dropout this laptop has since
 * recorded as a transfer (or who returned) is no longer listed, even before the next sync.
 */
export function listProbableTransfers(db: Db, schoolId: string): ProbableTransfer[] {
  return prepared(
    db,
    `SELECT p.student_id AS studentId, s.student_number AS studentNumber,
            s.first_name || ' ' || s.last_name AS name, p.direction,
            p.other_school_code AS otherSchoolCode, p.other_school_name AS otherSchoolName,
            p.left_on AS leftOn, p.enrolled_on AS enrolledOn, p.seen_at AS seenAt
       FROM probable_transfers p
       JOIN students s ON s.school_id = p.school_id AND s.id = p.student_id AND s.deleted_at IS NULL
      WHERE p.school_id = ? AND (p.direction = 'in' OR s.status = 'dropped_out')
      ORDER BY p.direction DESC, s.last_name, s.first_name`,
  ).all(schoolId) as ProbableTransfer[];
}

interface StatusChangeRow extends SyncedRow {
  status: string;
  effective_date: string;
  reason: string | null;
}

/**
 * Records in one step that a dropout the district reported as enrolled at another school
 * transferred there: the dropout status change becomes a transfer on the same day (its reason
 * names the school), and the student's status follows. Training labels then treat the student as
 * censored, not as a dropout. Refused for a student with no probable transfer reported.
 */
export function recordTransfer(db: Db, actor: Actor, studentId: string): ProbableTransfer {
  return writeTransaction(db, () => {
    const student = studentRow(db, actor.schoolId, studentId);
    const who = studentLabel(student);
    const reported = listProbableTransfers(db, actor.schoolId).find(
      (t) => t.studentId === studentId && t.direction === 'out',
    );
    if (!reported) {
      throw new BeaconError(
        'CONFLICT',
        `${who} has no probable transfer reported by the district: only a dropout enrolled at another school can be recorded as transferred. Sync first if the district has just reported one.`,
      );
    }
    const changeId = prepared(
      db,
      `SELECT id FROM student_status_changes
        WHERE school_id = ? AND student_id = ? AND status = 'dropped_out' AND deleted_at IS NULL
        ORDER BY effective_date DESC, created_at DESC LIMIT 1`,
    )
      .pluck()
      .get(actor.schoolId, studentId) as string | undefined;
    if (!changeId) {
      throw new BeaconError('CONFLICT', `${who} has no dropout recorded to turn into a transfer.`);
    }
    const change = liveRow<StatusChangeRow>(
      db,
      'student_status_changes',
      actor.schoolId,
      changeId,
      'status change',
    );
    const to = reported.otherSchoolCode
      ? `${reported.otherSchoolName} (${reported.otherSchoolCode})`
      : reported.otherSchoolName;
    const note = `Transferred to ${to}, confirmed from the district's report.`;
    updateAudited(db, actor, 'student_status_changes', change, {
      status: 'transferred_out',
      reason: change.reason ? `${change.reason} — ${note}`.slice(0, 500) : note,
    });
    updateAudited(db, actor, 'students', student, { status: 'transferred_out' });
    refreshStudentFeatures(db, actor.schoolId, [studentId]);
    return reported;
  });
}
