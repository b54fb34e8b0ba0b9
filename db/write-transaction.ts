import { changedMark, forgetChangedSince } from './changed';
import type { Db } from './driver';

/**
 * Runs `work` as one write transaction that begins IMMEDIATE: the write lock is taken first, so
 * a busy database waits out the busy timeout instead of failing at once when a deferred
 * transaction tries to upgrade to a write. Nested calls become savepoints of the outer one.
 * Answers what `work` answers; on a throw nothing of it is kept, nor noted as changed.
 */
export function writeTransaction<T>(db: Db, work: () => T): T {
  const mark = changedMark(db);
  try {
    return db.transaction(work).immediate();
  } catch (err) {
    forgetChangedSince(db, mark);
    throw err;
  }
}
