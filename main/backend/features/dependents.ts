import type { Db } from '../../../db';

/**
 * A change to a row that is not one student's own but that students' features read. Each names
 * the students whose features it can change; the writer refreshes them in its transaction.
 */
export type SharedChange =
  /** A calendar day added, changed or removed: everyone with attendance records. */
  | { kind: 'calendar' }
  /** An assessment's maximum, weight, subject, date, term, or its deletion. */
  | { kind: 'assessment'; assessmentId: string }
  /** A term's dates or its deletion. */
  | { kind: 'term'; termId: string }
  /** A class's grade level or school year, or its deletion. */
  | { kind: 'class'; classId: string }
  /** The school year's start month or the expected-age setting: every student. */
  | { kind: 'school' };

const sql: Record<SharedChange['kind'], string> = {
  calendar: `SELECT id FROM students WHERE school_id = @school AND EXISTS
    (SELECT 1 FROM attendance_days a
      WHERE a.student_key = (SELECT key FROM local_keys k WHERE k.id = students.id))`,
  assessment: `SELECT student_id FROM marks WHERE school_id = @school AND assessment_id = @id`,
  term: `SELECT DISTINCT m.student_id FROM marks m
    JOIN assessments a ON a.school_id = m.school_id AND a.id = m.assessment_id
    WHERE a.school_id = @school AND a.term_id = @id`,
  class: `SELECT DISTINCT student_id FROM enrolments WHERE school_id = @school AND class_id = @id`,
  school: `SELECT id FROM students WHERE school_id = @school`,
};

/**
 * The students whose features a shared change can affect (tombstoned rows included, so a
 * deletion reaches the students it used to count for). Call refreshStudentFeatures with them.
 */
export function studentsAffectedBy(db: Db, schoolId: string, change: SharedChange): string[] {
  const id =
    change.kind === 'assessment'
      ? change.assessmentId
      : change.kind === 'term'
        ? change.termId
        : change.kind === 'class'
          ? change.classId
          : null;
  const params = id === null ? { school: schoolId } : { school: schoolId, id };
  return db.prepare(sql[change.kind]).pluck().all(params) as string[];
}
