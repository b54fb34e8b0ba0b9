import type { Db } from '../../../db';
import { writeTransaction } from '../../../db/write-transaction';
import { currentFeatures } from './compute';
import { loadSchoolInputs } from './school-inputs';
import { featureParams, prepareUpsert, type Param } from './store';
import { forStudentsRows } from './student-rows';

/**
 * The set-based path: recomputes every live student's features from one statement that walks
 * the school's students with each table read through its (student, ...) index (attendance as one
 * range of its primary key per student, packed by SQLite), then writes them all, in one
 * transaction (a savepoint inside the caller's). It reads the same rows as the incremental path,
 * through the same select. Rows of students who are no longer live are removed.
 */
export function rebuildSchool(db: Db, schoolId: string): { students: number } {
  return writeTransaction(db, () => {
    const school = loadSchoolInputs(db, schoolId);
    const computed: Param[][] = [];
    forStudentsRows(db, schoolId, null, (id, rows) => {
      computed.push(featureParams(schoolId, id, currentFeatures(rows, school)));
    });
    db.prepare(
      `DELETE FROM student_features WHERE school_id = @school AND student_id NOT IN
        (SELECT id FROM students WHERE school_id = @school AND deleted_at IS NULL)`,
    ).run({ school: schoolId });
    const upsert = prepareUpsert(db);
    for (const params of computed) upsert.run(...params);
    return { students: computed.length };
  });
}
