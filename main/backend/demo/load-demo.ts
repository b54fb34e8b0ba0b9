import type { School } from '../../../contract';
import { BeaconError, writeTransaction, type Db } from '../../../db';
import { holdFeatureRefreshes, rebuildAndRescore, withFeaturesDeferred } from '../keep-current';
import { currentSchool, saveSchoolProfile } from '../services/school';
import { simulateSchool, type DemoOptions } from './simulate';
import {
  writeDemoDays,
  writeDemoSchool,
  type DemoWriteMode,
  type WriteProgress,
  type WrittenDemo,
} from './writer';

export const DEMO_SCHOOL_NAME = 'Riverside Demo Secondary (sample data)';

/** Refuses a database that already holds students; answers the school to load into. */
function demoSchoolFor(db: Db, userId: string | null): School {
  const students = db.prepare('SELECT count(*) FROM students').pluck().get() as number;
  if (students > 0) {
    throw new BeaconError(
      'CONFLICT',
      `This database already holds ${students} ${students === 1 ? 'student' : 'students'}; the demo school only loads into an empty one.`,
    );
  }
  return currentSchool(db) ?? saveSchoolProfile(db, { name: DEMO_SCHOOL_NAME }, userId);
}

/**
 * Fills an empty database with the demo school: a simulated history written through the change
 * log (registers and marks in bulk, see `DemoWriteMode`), in one transaction, with features
 * built by one rebuild. Refuses a database that already holds students, so real records are
 * never mixed with invented ones.
 */
export function loadDemoSchool(
  db: Db,
  options: DemoOptions,
  userId: string | null,
  onProgress?: (p: WriteProgress) => void,
  mode: DemoWriteMode = 'bulk',
): { schoolId: string; written: WrittenDemo } {
  const demo = simulateSchool(options);
  // One transaction (each day's is a savepoint inside it): a load killed part-way leaves the
  // database as empty as it found it, so `beacon demo` can simply be run again.
  return writeTransaction(db, () => {
    const school = demoSchoolFor(db, userId);
    const written = withFeaturesDeferred(db, school.id, () =>
      writeDemoSchool(db, { schoolId: school.id, userId }, demo, onProgress, mode),
    );
    return { schoolId: school.id, written };
  });
}

/**
 * The same load for a process that must keep serving requests while it runs (the app's
 * backend): one school day per turn of the event loop. Feature refreshes are held back only
 * inside each day's transaction, so a request served between days refreshes as usual; the whole
 * school is rebuilt and re-scored once at the end. When `signal` aborts, the load stops after
 * the current day and rejects with `signal.reason`, keeping (and rebuilding) the days written.
 */
export async function loadDemoSchoolCooperatively(
  db: Db,
  options: DemoOptions,
  userId: string | null,
  onProgress: (p: WriteProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<{ schoolId: string; written: WrittenDemo }> {
  const demo = simulateSchool(options);
  await yieldToEventLoop();
  // Checked right before the first day is written, with no turn of the event loop in between.
  const school = demoSchoolFor(db, userId);
  const days = writeDemoDays(db, { schoolId: school.id, userId }, demo, {
    runDay: (write) => holdFeatureRefreshes(db, school.id, write),
  });
  let wrote = false;
  try {
    for (;;) {
      signal?.throwIfAborted();
      const step = days.next();
      if (step.done) return { schoolId: school.id, written: step.value };
      wrote = true;
      onProgress(step.value);
      await yieldToEventLoop();
    }
  } finally {
    // Finished or cut short, the days written get their features: the store is never stale.
    if (wrote) rebuildAndRescore(db, school.id);
  }
}

/** Lets pending I/O (requests, timers) run before the next batch of synchronous work. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
