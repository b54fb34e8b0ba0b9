import type { Db } from '../../../db';
import { writeTransaction } from '../../../db/write-transaction';
import { currentFeatures } from './compute';
import { loadSchoolInputs } from './school-inputs';
import { featureParams, prepareRemove, prepareUpsert } from './store';
import { forStudentsRows } from './student-rows';
import type { StudentFeatures } from './types';

const writers = new WeakMap<
  Db,
  { upsert: ReturnType<typeof prepareUpsert>; remove: ReturnType<typeof prepareRemove> }
>();

function writer(db: Db) {
  let w = writers.get(db);
  if (!w) {
    w = { upsert: prepareUpsert(db), remove: prepareRemove(db) };
    writers.set(db, w);
  }
  return w;
}

/**
 * The incremental path: recomputes the named students' features from their own rows, read for
 * all of them in one statement (a register's 40 students are one query, not 40), in the
 * caller's transaction (or its own when there is none). A student who is deleted or not in this
 * school loses their features row. Answers the live students' new features.
 */
export function refreshStudents(
  db: Db,
  schoolId: string,
  studentIds: Iterable<string>,
): Map<string, StudentFeatures> {
  const ids = [...new Set(studentIds)];
  const computed = new Map<string, StudentFeatures>();
  if (ids.length === 0) return computed;
  const run = () => {
    const school = loadSchoolInputs(db, schoolId);
    const { upsert, remove } = writer(db);
    forStudentsRows(db, schoolId, ids, (id, rows) => {
      const features = currentFeatures(rows, school);
      computed.set(id, features);
      upsert.run(...featureParams(schoolId, id, features));
    });
    for (const id of ids) if (!computed.has(id)) remove.run(schoolId, id);
  };
  if (db.inTransaction) run();
  else writeTransaction(db, run);
  return computed;
}
