import type { Db } from '../../../db';
import { featureSelectList, type StudentFeatures } from '../features';
import { prepared } from '../../../db/prepared';
import type { ProtectedFacts } from '../features/model-inputs';

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

/**
 * Features a write has just computed, with their students' protected facts, for those who are
 * active: what readStoredFeatures would read back once they are stored, without reading them
 * back (a register save re-scores its class straight from the features it computed). The facts
 * are added to the computed objects themselves, which the write made for this and hands over:
 * copying every student's features on every save was a sixteenth of its garbage.
 */
export function withFacts(
  db: Db,
  schoolId: string,
  computed: ReadonlyMap<string, StudentFeatures>,
): Map<string, StoredFeatures> {
  const out = new Map<string, StoredFeatures>();
  if (computed.size === 0) return out;
  const rows = prepared(
    db,
    `SELECT id, sex, ethnicity, low_income AS lowIncome FROM students
     WHERE school_id = ? AND id IN (SELECT value FROM json_each(?))
       AND deleted_at IS NULL AND status = 'active'`,
  ).all(schoolId, JSON.stringify([...computed.keys()])) as ({ id: string } & ProtectedFacts)[];
  for (const { id, sex, ethnicity, lowIncome } of rows) {
    const f = computed.get(id) as (StudentFeatures & { facts?: ProtectedFacts }) | undefined;
    if (!f) continue;
    f.facts = { sex, ethnicity, lowIncome };
    out.set(id, f as StoredFeatures);
  }
  return out;
}
