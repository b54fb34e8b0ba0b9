import { writeTransaction, type Db } from '../../../db';
import { currentFeaturesDecoded } from './compute';
import { scanSchool } from './school-scan';
import { loadSchoolInputs } from './school-inputs';
import { featureParams, prepareUpsert, type Param } from './store';

/**
 * The set-based path: recomputes every live student's features from one pass over each table
 * (school-scan.ts; the incremental path's select, run over the whole school, when that reader
 * cannot tell a student's marks apart), then writes them all, in one transaction (a savepoint
 * inside the caller's). Rows of students who are no longer live are removed.
 */
export function rebuildSchool(db: Db, schoolId: string): { students: number } {
  return writeTransaction(db, () => {
    const school = loadSchoolInputs(db, schoolId);
    const computed: Param[][] = [];
    scanSchool(db, schoolId, (id, rows, attendance) => {
      computed.push(featureParams(schoolId, id, currentFeaturesDecoded(rows, attendance, school)));
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
