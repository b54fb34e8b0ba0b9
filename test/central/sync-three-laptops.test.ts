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

/**
 * How many random runs: 5 by default (about 3.5 s of CPU each, client and server, after a 2 s
 * setup: near 20 s for the file), `BEACON_TEST_SYNC_SEEDS=50` for a long run (docs/sync.md).
 */
const seeds = Number(process.env.BEACON_TEST_SYNC_SEEDS ?? 5);
if (!Number.isInteger(seeds) || seeds < 1) {
  throw new Error(
    `BEACON_TEST_SYNC_SEEDS must be a whole number of at least 1 (got "${process.env.BEACON_TEST_SYNC_SEEDS}")`,
  );
}

describe('three laptops of one school, edits overlapping offline, synced in random orders', () => {
  // One school and its three laptops for every seed: each seed's run starts where the last
  // converged (longer histories, clocks further on), and the setup, most of a fresh world's
  // time, is paid once.
  it(
    `all converge and every version overwritten unseen is a conflict (${seeds} seeds)`,
    async () => {
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

      const attendanceVersion = (l: Laptop, s: string, d: string) =>
        (l.db
          .prepare('SELECT version FROM attendance WHERE student_id = ? AND date = ?')
          .pluck()
          .get(s, d) as number | undefined) ?? null;
      const studentVersion = (l: Laptop, s: string) =>
        l.db.prepare('SELECT version FROM students WHERE id = ?').pluck().get(s) as number;
      const lostVersions = async () =>
        new Set(
          (
            await asAdmin(url, (db) =>
              db.query<{ lost_version: string }>('SELECT lost_version FROM sync_conflicts'),
            )
          ).rows.map((r) => Number(r.lost_version)),
        );

      let writes = 0;
      for (let seed = 1; seed <= seeds; seed++) {
        const random = seededRandom(seed);
        const written: Written[] = [];
        const lostBefore = await lostVersions();
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
                ok(
                  await l.api.editStudent({ studentId: s, firstName: `Name${random.int(0, 99)}` }),
                );
                const version = studentVersion(l, s);
                if (version !== base) written.push({ key: `students:${s}`, version, base });
              }
            }
          }
          for (const l of random.subset(laptops, 0.6).sort(() => random.next() - 0.5))
            await l.sync();
        }
        for (let pass = 0; pass < 2; pass++) for (const l of laptops) await l.sync();

        const first = await snapshot(url, a);
        expect(await snapshot(url, b), `seed ${seed}: laptop B`).toEqual(first);
        expect(await snapshot(url, c), `seed ${seed}: laptop C`).toEqual(first);
        expect(await centralSnapshot(url, a), `seed ${seed}: the server`).toEqual(first);

        const finals = new Set<number>([
          ...(first.attendance as { version: string }[]).map((r) => Number(r.version)),
          ...(first.students as { version: string }[]).map((r) => Number(r.version)),
        ]);
        const seen = new Set(written.map((w) => w.base).filter((v): v is number => v !== null));
        const lost = await lostVersions();
        const unaccounted = written.filter(
          (w) => !finals.has(w.version) && !seen.has(w.version) && !lost.has(w.version),
        );
        expect(unaccounted, `seed ${seed}`).toEqual([]);
        // This run's conflicts are for versions some laptop really wrote (or saw), not noise.
        const all = new Set(written.map((w) => w.version));
        for (const v of lost) {
          if (!lostBefore.has(v))
            expect(all.has(v) || seen.has(v), `seed ${seed}: ${v}`).toBe(true);
        }
        writes += written.length;
      }
      expect(writes).toBeGreaterThan(10 * seeds);
    },
    60_000 + seeds * 60_000,
  );
});
