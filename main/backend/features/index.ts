import type { Db } from '../../../db';
import { rebuildSchool } from './rebuild';

/**
 * The feature store: pure rules (compute.ts) and the reads and writes that keep student_features
 * (refresh.ts, rebuild.ts). Keeping features and scores current after a write is the job of
 * keep-current/, which calls both this folder and scoring/. Rules: docs/features.md.
 */

/** Recomputes every student's features from scratch, in one transaction. */
export function rebuildFeatures(db: Db, schoolId: string): { students: number } {
  return rebuildSchool(db, schoolId);
}

export { refreshStudents } from './refresh';
export { studentsAffectedBy } from './dependents';
export { featuresAsOf, currentFeatures, studentAsOf } from './compute';
export { loadStudentRows, forStudentsRows } from './student-rows';
export { forEachStudentRows } from './school-rows';
export {
  loadSchoolInputs,
  EXPECTED_AGE_OFFSET_KEY,
  DEFAULT_EXPECTED_AGE_OFFSET,
} from './school-inputs';
export { buildCalendar } from './calendar';
export {
  firstAttendanceDate,
  packAttendance,
  unpackAttendance,
  type PackedAttendance,
} from './packed-attendance';
export { featureColumnNames, featureSelectList } from './store';
export type { SharedChange } from './dependents';
export type * from './types';
