import type { Db } from '../../../db';
import { featureSelectList, type StudentFeatures } from '../features';
import { prepared } from '../../../db';
import type { ProtectedFacts } from '../training/model-inputs';

/** A student's stored features, with the protected facts a model may have been trained on. */
export type StoredFeatures = StudentFeatures & { facts: ProtectedFacts };

/** Reads the feature store's current rows for some students (all when `ids` is omitted). */
export function readStoredFeatures(
  db: Db,
  schoolId: string,
  ids?: readonly string[],
): Map<string, StoredFeatures> {
  const select = `SELECT f.student_id AS id, ${featureSelectList('f')},
      s.sex, s.ethnicity, s.low_income AS lowIncome
    FROM student_features f JOIN students s ON s.id = f.student_id
    WHERE f.school_id = ? AND s.deleted_at IS NULL AND s.status = 'active'`;
  type Row = Omit<StudentFeatures, 'repeatedGrade'> &
    ProtectedFacts & { id: string; repeatedGrade: number };
  const rows: Row[] = [];
  if (ids === undefined) {
    rows.push(...(prepared(db, select).all(schoolId) as Row[]));
  } else if (ids.length === 1) {
    const row = prepared(db, `${select} AND f.student_id = ?`).get(schoolId, ids[0]) as
      Row | undefined;
    if (row) rows.push(row);
  } else if (ids.length > 1) {
    // A class's students in one statement: the ids as one JSON array.
    rows.push(
      ...(prepared(db, `${select} AND f.student_id IN (SELECT value FROM json_each(?))`).all(
        schoolId,
        JSON.stringify(ids),
      ) as Row[]),
    );
  }
  return new Map(
    rows.map(({ id, sex, ethnicity, lowIncome, ...f }) => [
      id,
      { ...f, repeatedGrade: f.repeatedGrade === 1, facts: { sex, ethnicity, lowIncome } },
    ]),
  );
}
