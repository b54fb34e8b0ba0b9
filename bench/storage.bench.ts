import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { demoSchoolCopy } from './demo-school-cache';
import type { Benchmark } from './harness';
import { measureStorage, storageTable } from './storage-breakdown';

const STUDENTS = 1200;
const BUDGET = 40 * 1024;

/**
 * storage.demo.per-student-year: the demo school (1,200 students, 3 years, written through the
 * staff services) in bytes per student-year, every table and index counted. Prints the dbstat
 * breakdown by B-tree on stderr so that the figure is watched, not just met.
 */
export const storageDemoPerStudentYear: Benchmark = {
  name: 'storage.demo.per-student-year',
  unit: 'bytes',
  target: `<= ${BUDGET}`,
  meets: (v) => v <= BUDGET,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'beacon-bench-storage-'));
    try {
      const db = new Database(await demoSchoolCopy(STUDENTS, dir));
      const figure = measureStorage(db);
      db.close();
      console.error(
        `\nstorage.demo.per-student-year breakdown (dbstat):\n${storageTable(figure)}\n`,
      );
      return {
        value: figure.bytesPerStudentYear,
        notes:
          `${(figure.fileBytes / 1e6).toFixed(1)} MB over ${figure.studentYears} student-years; ` +
          `largest: ${figure.parts
            .slice(0, 3)
            .map((p) => `${p.name} ${(p.bytes / 1e6).toFixed(1)} MB`)
            .join(', ')}`,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
