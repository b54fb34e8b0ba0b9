import type { Db } from '../../../db';
import { refreshStudentFeatures } from '../keep-current';

/**
 * Recomputes the touched students' features in the caller's transaction. Measured on 200,000
 * attendance rows for 1,000 students (all touched), refreshing them was faster than a school
 * rebuild (140-630 ms against 440-920 ms on a loaded 2-core machine), so an import always
 * refreshes exactly the students it touched, however many.
 */
export function refreshImportedFeatures(db: Db, schoolId: string, touched: Set<string>): void {
  if (touched.size > 0) refreshStudentFeatures(db, schoolId, touched);
}
