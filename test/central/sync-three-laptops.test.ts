import { describe, expect, it } from 'vitest';
import { weekdays } from '../fixtures/import/large-attendance';
import { addClass, addStudents, ok } from '../support/school';
import { seededRandom } from '../support/seeded-random';
import { useAfterTest, useTempDir } from '../support/temp-dir';
import {
  centralSnapshot,
  centralWithSchool,
  connectedLaptop,
  joiningLaptop,
  snapshot,
  type Laptop,
} from './central-world';
import { asAdmin, usePgDatabase } from './pg-test-db';

const newDatabase = usePgDatabase();
const tempDir = useTempDir();
const after = useAfterTest();

/** A version some laptop wrote, and the version it replaced there (which it had seen). */
interface Written {
  key: string;
  version: number;
  base: number | null;
}

const statuses = ['present', 'absent', 'late', 'excused'] as const;

describe('three laptops of one school, edits overlapping offline, synced in random orders', () => {
  for (const seed of [1, 2, 3]) {
    it(`all converge and every version overwritten unseen is a conflict (seed ${seed})`, async () => {
      const random = seededRandom(seed);
      const url = await newDatabase();
      const file = await centralWithSchool(url, tempDir());
      const a = await connectedLaptop(tempDir(), file);
      after(() => a.backend.close());
      const students = await addStudents(a.api, ['Ana A', 'Bia B', 'Caio C', 'Duda D']);
      const classId = await addClass(a.api, '7A', students);
      await a.sync();
      const b = await joiningLaptop(tempDir(), file);
      after(() => b.backend.close());
      const c = await joiningLaptop(tempDir(), file);
      after(() => c.backend.close());
      await b.sync();
      await c.sync();
      const laptops = [a, b, c];
      const days = weekdays(3);
      const written: Written[] = [];

      const attendanceVersion = (l: Laptop, s: string, d: string) =>
        (l.db
          .prepare('SELECT version FROM attendance WHERE student_id = ? AND date = ?')
          .pluck()
          .get(s, d) as number | undefined) ?? null;
      const studentVersion = (l: Laptop, s: string) =>
        l.db.prepare('SELECT version FROM students WHERE id = ?').pluck().get(s) as number;

      for (let round = 0; round < 6; round++) {
        for (const l of laptops) {
          for (let edit = random.int(0, 3); edit > 0; edit--) {
            const s = random.pick(students);
            if (random.chance(0.7)) {
              const d = random.pick(days);
              const base = attendanceVersion(l, s, d);
              ok(
                await l.api.saveRegister({
                  classId,
                  date: d,
                  entries: [{ studentId: s, status: random.pick(statuses) }],
                }),
              );
              const version = attendanceVersion(l, s, d)!;
              if (version !== base) written.push({ key: `attendance:${s}:${d}`, version, base });
            } else {
              const base = studentVersion(l, s);
              ok(await l.api.editStudent({ studentId: s, firstName: `Name${random.int(0, 99)}` }));
              const version = studentVersion(l, s);
              if (version !== base) written.push({ key: `students:${s}`, version, base });
            }
          }
        }
        for (const l of random.subset(laptops, 0.6).sort(() => random.next() - 0.5)) await l.sync();
      }
      for (let pass = 0; pass < 2; pass++) for (const l of laptops) await l.sync();

      const first = await snapshot(url, a);
      expect(await snapshot(url, b)).toEqual(first);
      expect(await snapshot(url, c)).toEqual(first);
      expect(await centralSnapshot(url, a)).toEqual(first);

      const finals = new Set<number>([
        ...(first.attendance as { version: string }[]).map((r) => Number(r.version)),
        ...(first.students as { version: string }[]).map((r) => Number(r.version)),
      ]);
      const seen = new Set(written.map((w) => w.base).filter((v): v is number => v !== null));
      const conflicts = await asAdmin(url, (db) =>
        db.query<{ lost_version: string }>('SELECT lost_version FROM sync_conflicts'),
      );
      const lost = new Set(conflicts.rows.map((r) => Number(r.lost_version)));
      const unaccounted = written.filter(
        (w) => !finals.has(w.version) && !seen.has(w.version) && !lost.has(w.version),
      );
      expect(unaccounted).toEqual([]);
      // Conflicts are for versions some laptop really wrote, not noise.
      const all = new Set(written.map((w) => w.version));
      for (const v of lost) expect(all.has(v) || seen.has(v)).toBe(true);
      expect(written.length).toBeGreaterThan(10);
    }, 120_000);
  }
});
