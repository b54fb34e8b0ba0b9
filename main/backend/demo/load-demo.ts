import { BeaconError, type Db } from '../../../db';
import { withFeaturesDeferred } from '../features';
import { currentSchool, saveSchoolProfile } from '../services/school';
import { simulateSchool, type DemoOptions } from './simulate';
import { writeDemoSchool, type WriteProgress, type WrittenDemo } from './writer';

export const DEMO_SCHOOL_NAME = 'Riverside Demo Secondary (sample data)';

/**
 * Fills an empty database with the demo school: a simulated history written through the staff
 * services. Refuses a database that already holds students, so real records are never mixed
 * with invented ones.
 */
export function loadDemoSchool(
  db: Db,
  options: DemoOptions,
  userId: string | null,
  onProgress?: (p: WriteProgress) => void,
): { schoolId: string; written: WrittenDemo } {
  const students = db.prepare('SELECT count(*) FROM students').pluck().get() as number;
  if (students > 0) {
    throw new BeaconError(
      'CONFLICT',
      `This database already holds ${students} students; the demo school only loads into an empty one.`,
    );
  }
  const school = currentSchool(db) ?? saveSchoolProfile(db, { name: DEMO_SCHOOL_NAME }, userId);
  const written = withFeaturesDeferred(db, school.id, () =>
    writeDemoSchool(db, { schoolId: school.id, userId }, simulateSchool(options), onProgress),
  );
  return { schoolId: school.id, written };
}
