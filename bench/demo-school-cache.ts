import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
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
 * Makes `target` in the cache through `make`, which writes a temporary file of this builder's
 * own, then renames it into place: benchmarks in other processes may build the same entry at
 * the same time, and each must only ever see a missing or a whole file, never half of one.
 */
export async function cacheAtomically(
  target: string,
  make: (temporary: string) => Promise<void> | void,
): Promise<void> {
  mkdirSync(demoCacheDir(), { recursive: true });
  removeAbandonedBuilds();
  const temporary = `${target}.building-${process.pid}-${randomUUID()}`;
  try {
    await make(temporary);
    // Two builders make the same bytes, so whichever rename lands last changes nothing.
    renameSync(temporary, target);
  } finally {
    for (const leftover of [temporary, `${temporary}-wal`, `${temporary}-shm`]) {
      rmSync(leftover, { force: true });
    }
  }
}

/** Whether a process with this id is running (signal 0 only asks). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes the temporary files of builders that were killed (a benchmark stopped with Ctrl+C or
 * a timeout never reaches its `finally`): each is a database of up to hundreds of megabytes.
 */
function removeAbandonedBuilds(): void {
  for (const name of readdirSync(demoCacheDir())) {
    const pid = /\.building-(\d+)-/.exec(name)?.[1];
    if (pid && !isRunning(Number(pid))) rmSync(join(demoCacheDir(), name), { force: true });
  }
}

/**
 * A demo school written through the staff services, built once per schema, size and seed and
 * kept in the temp folder: writing 5,000 students' three years takes minutes, and the
 * benchmarks measure what happens after. Returns a fresh copy the caller may change.
 */
export async function demoSchoolCopy(students: number, dir: string, seed = 1): Promise<string> {
  const cached = join(demoCacheDir(), `${demoCacheKey(students, seed)}.sqlite`);
  if (!existsSync(cached)) {
    await cacheAtomically(cached, async (building) => {
      const { db } = await openDatabase(building);
      try {
        loadDemoSchool(db, { students, years: 3, seed, today: BENCH_TODAY }, null);
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    });
  }
  const copy = join(dir, 'school.sqlite');
  copyFileSync(cached, copy);
  return copy;
}
