import { writeTransaction, type Db } from '../../../db';
import { currentFeatures } from './compute';
import { loadSchoolInputs } from './school-inputs';
import { featureParams, prepareRemove, prepareUpsert } from './store';
import { forStudentsRows } from './student-rows';

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
 * school loses their features row.
 */
export function refreshStudents(db: Db, schoolId: string, studentIds: Iterable<string>): void {
  const ids = [...new Set(studentIds)];
  if (ids.length === 0) return;
  const run = () => {
    const school = loadSchoolInputs(db, schoolId);
    const { upsert, remove } = writer(db);
    const missing = new Set(ids);
    forStudentsRows(db, schoolId, ids, (id, rows) => {
      missing.delete(id);
      upsert.run(...featureParams(schoolId, id, currentFeatures(rows, school)));
    });
    for (const id of missing) remove.run(schoolId, id);
  };
  if (db.inTransaction) run();
  else writeTransaction(db, run);
}
