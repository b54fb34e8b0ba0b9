import { writeTransaction, type Db } from '../../../db';
import { currentFeatures } from './compute';
import { loadSchoolInputs } from './school-inputs';
import { featureParams, prepareRemove, prepareUpsert } from './store';
import { studentRowsReader } from './student-rows';

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
 * The incremental path: recomputes the named students' features from their own rows with
 * per-student queries, in the caller's transaction (or its own when there is none). A student who
 * is deleted or not in this school loses their features row.
 */
export function refreshStudents(db: Db, schoolId: string, studentIds: Iterable<string>): void {
  const ids = [...new Set(studentIds)];
  if (ids.length === 0) return;
  const run = () => {
    const school = loadSchoolInputs(db, schoolId);
    const { upsert, remove } = writer(db);
    const read = studentRowsReader(db, schoolId);
    for (const id of ids) {
      const rows = read(id);
      if (rows === null) remove.run(schoolId, id);
      else upsert.run(...featureParams(schoolId, id, currentFeatures(rows, school)));
    }
  };
  if (db.inTransaction) run();
  else writeTransaction(db, run);
}
