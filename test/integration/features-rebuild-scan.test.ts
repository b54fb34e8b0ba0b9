import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db';
import {
  currentFeatures,
  featureColumnNames,
  forStudentsRows,
  loadSchoolInputs,
  rebuildFeatures,
} from '../../main/backend/features';
import { schoolScanSql } from '../../main/backend/features/school-scan';
import { featureParams, type Param } from '../../main/backend/features/store';
import { createWorld, randomOperation } from '../support/features-world';
import { queryPlan } from '../support/migrate-to';
import { seededRandom } from '../support/seeded-random';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

const WORLDS = 25;
const OPERATIONS = 60;

/**
 * What the rebuild computed before it had its own reader: the incremental path's select over the
 * whole school, through the same rules, as the values the upsert binds (student id first).
 */
function reference(db: Db, schoolId: string): Map<string, Param[]> {
  const school = loadSchoolInputs(db, schoolId);
  const out = new Map<string, Param[]>();
  forStudentsRows(db, schoolId, null, (id, rows) => {
    out.set(id, featureParams(schoolId, id, currentFeatures(rows, school)).slice(1));
  });
  return out;
}

const stored = (db: Db, schoolId: string): Map<string, Param[]> =>
  new Map(
    (
      db
        .prepare(
          `SELECT student_id, ${featureColumnNames.join(', ')} FROM student_features
           WHERE school_id = ?`,
        )
        .raw()
        .all(schoolId) as Param[][]
    ).map((r) => [r[0] as string, r]),
  );

describe('the rebuild reader (school-scan.ts)', () => {
  it('stores exactly the values the incremental select gives, for every feature of every student', async () => {
    const { db } = await openDatabase(join(tempDir(), 'rebuild-scan.sqlite'));
    let compared = 0;
    let fractional = 0;
    for (let seed = 1; seed <= WORLDS; seed++) {
      // Random registers, marks, incidents, enrolments, status changes, edits and deletes; every
      // world is another school in the same file, so each rebuild must read only its own.
      const world = createWorld(db, seededRandom(seed));
      for (let i = 0; i < OPERATIONS; i++) randomOperation(world);
      const schoolId = world.actor.schoolId;
      const expected = reference(db, schoolId);
      rebuildFeatures(db, schoolId);
      const actual = stored(db, schoolId);
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [id, values] of expected) {
        const row = actual.get(id) as Param[];
        featureColumnNames.forEach((column, i) => {
          const want = values[i + 1] ?? null;
          const got = row[i + 1] ?? null;
          // Exactly: the same floating-point sums in the same order, not merely close.
          if (!Object.is(got, want)) {
            expect.fail(`seed ${seed}, student ${id}: ${column} is ${got}, expected ${want}`);
          }
          if (typeof want === 'number' && !Number.isInteger(want)) fractional++;
        });
        compared++;
      }
    }
    db.close();
    // The worlds held students with real histories: rates and averages that are not whole.
    expect(compared).toBeGreaterThan(WORLDS * 3);
    expect(fractional).toBeGreaterThan(WORLDS * 3);
  }, 120_000);

  it('reads marks in their index order, and each student through indexes', async () => {
    const { db } = await openDatabase(join(tempDir(), 'rebuild-plan.sqlite'));
    const plan = queryPlan(db, schoolScanSql, 'school');
    // The rules add marks up in the order the incremental select reads them: the marks' covering
    // index, with no sort in between.
    expect(plan).toMatch(
      /SEARCH m USING COVERING INDEX marks_features \(school_id=\? AND student_id=\?\)/,
    );
    expect(plan).toMatch(/SEARCH attendance_days USING PRIMARY KEY \(student_key=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    expect(plan).not.toMatch(/SCAN (s|attendance_days|marks|m)\b/);
    db.close();
  });
});
