import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db';
import { migrations } from '../db/migrations';
import { loadDemoSchool } from '../main/backend/demo/load-demo';

export const BENCH_TODAY = '2026-11-29';

/** What a built demo school depends on: its size, seed, day and the database schema. */
export const demoCacheKey = (students: number, seed = 1): string =>
  `demo-${students}-${seed}-${BENCH_TODAY}-schema${migrations.length}-${migrations.at(-1)?.name}`;

/** Where built demo schools (and the demo champion) are kept between benchmark runs. */
export const demoCacheDir = (): string => join(tmpdir(), 'beacon-bench-cache');

/**
 * A demo school written through the staff services, built once per schema, size and seed and
 * kept in the temp folder: writing 5,000 students' three years takes minutes, and the
 * benchmarks measure what happens after. Returns a fresh copy the caller may change.
 */
export async function demoSchoolCopy(students: number, dir: string, seed = 1): Promise<string> {
  const cacheDir = demoCacheDir();
  const key = `${demoCacheKey(students, seed)}.sqlite`;
  const cached = join(cacheDir, key);
  if (!existsSync(cached)) {
    mkdirSync(cacheDir, { recursive: true });
    const building = `${cached}.building`;
    rmSync(building, { force: true });
    const { db } = await openDatabase(building);
    loadDemoSchool(db, { students, years: 3, seed, today: BENCH_TODAY }, null);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    renameSync(building, cached);
  }
  const copy = join(dir, 'school.sqlite');
  copyFileSync(cached, copy);
  return copy;
}
