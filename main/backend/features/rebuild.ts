import { writeTransaction, type Db } from '../../../db';
import { currentFeatures } from './compute';
import { forEachStudentRows } from './school-rows';
import { loadSchoolInputs } from './school-inputs';
import { featureParams, prepareUpsert, type Param } from './store';

/**
 * The set-based path: recomputes every live student's features from a single ordered pass over
 * each table, then writes them all, in one transaction (a savepoint inside the caller's). Rows of
 * students who are no longer live are removed.
 */
export function rebuildSchool(db: Db, schoolId: string): { students: number } {
  return writeTransaction(db, () => {
    const school = loadSchoolInputs(db, schoolId);
    const computed: Param[][] = [];
    forEachStudentRows(db, schoolId, (id, rows) => {
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
