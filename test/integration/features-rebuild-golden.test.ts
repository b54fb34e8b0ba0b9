import { createHash, type Hash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSchool } from '../../bench/features-school';
import { openDatabase, type Db } from '../../db';
import { featureColumnNames, rebuildFeatures } from '../../main/backend/features';
import { createWorld, randomOperation } from '../support/features-world';
import { seededRandom } from '../support/seeded-random';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

/**
 * The rebuild's output pinned to what the code stored before issue 8's "lean core" change
 * (commit 62a6658): the rebuild-scan and property tests compare the rebuild with the incremental
 * path, but both share the rules, so a change inside the rules (marks as lists, the calendar as a
 * table) must also be checked against the values stored before it. A digest differing here means
 * stored features changed: update it only with a change that means to change a rule, and say so.
 */
const GOLDEN = {
  // 8 random worlds of test/support/features-world.ts (edits and deletes of every kind of row),
  // each as it ends and again with its school days unlisted, so that only holidays count.
  worlds: { rows: 94, sha256: '54c3ae2cd704f65241da3b4576d3964390815cd04494d9322000cd9af38e5595' },
  // The benchmark's school (bench/features-school.ts) at 400 students and 120 school days.
  school: { rows: 400, sha256: 'a1cf006f05902729b3a5aa9feb039695b6d0532a0e53066af7adb5f1941eeee1' },
};

/**
 * Adds a school's stored features to `hash`, each row as JSON (`prefix`, then `key`, then the
 * features), in `key` order.
 */
function digest(db: Db, schoolId: string, key: string, hash: Hash, prefix: unknown[] = []) {
  const rows = db
    .prepare(
      `SELECT ${key}, ${featureColumnNames.map((c) => `f.${c}`).join(', ')}
       FROM student_features f JOIN students s ON s.id = f.student_id
       WHERE f.school_id = ? ORDER BY 1`,
    )
    .raw()
    .all(schoolId) as unknown[][];
  for (const r of rows) hash.update(`${JSON.stringify([...prefix, ...r])}\n`);
  return rows.length;
}

describe('the rebuild stores what it stored before the lean-core change', () => {
  it('for random worlds with and without listed school days', async () => {
    const { db } = await openDatabase(join(tempDir(), 'golden-worlds.sqlite'));
    const hash = createHash('sha256');
    let rows = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const world = createWorld(db, seededRandom(seed));
      const schoolId = world.actor.schoolId;
      for (let i = 0; i < 60; i++) randomOperation(world);
      for (const listed of [true, false]) {
        if (!listed) {
          db.prepare(`DELETE FROM school_calendar WHERE school_id = ? AND kind = 'school_day'`).run(
            schoolId,
          );
        }
        rebuildFeatures(db, schoolId);
        rows += digest(db, schoolId, 's.student_number', hash, [seed, listed]);
      }
    }
    db.close();
    expect({ rows, sha256: hash.digest('hex') }).toEqual(GOLDEN.worlds);
  }, 60_000);

  it("for the benchmark's generated school", async () => {
    const { db } = await openDatabase(join(tempDir(), 'golden-school.sqlite'));
    const school = generateSchool(db, { students: 400, schoolDays: 120, seed: 3 });
    rebuildFeatures(db, school.schoolId);
    const hash = createHash('sha256');
    const rows = digest(db, school.schoolId, 'f.student_id', hash);
    db.close();
    expect({ rows, sha256: hash.digest('hex') }).toEqual(GOLDEN.school);
  }, 60_000);
});
