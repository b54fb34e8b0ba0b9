import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db';
import { importRecords } from '../../main/backend/import/run-import';
import { saveSchoolProfile } from '../../main/backend/services/school';
import { runCli } from '../support/run-cli';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

/** A school database; with students from students-pt.csv imported in-process when asked. */
async function schoolDb(withStudents = false): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  const path = join(dir, 'school.sqlite');
  const { db } = await openDatabase(path);
  const school = saveSchoolProfile(db, { name: 'Escola da Ribeira' }, null);
  if (withStudents) {
    const report = await importRecords(
      db,
      {
        kind: 'students',
        file: { name: 'students-pt.csv', bytes: readFileSync(fixture('students-pt.csv')) },
        options: { dateOrder: 'dmy' },
      },
      { actor: { schoolId: school.id, userId: null }, today: '2025-10-15', dryRun: false },
    );
    expect(report.outcome).toBe('imported');
  }
  db.close();
  return { dir, db: path };
}

const count = (path: string, table: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('beacon import and export', () => {
  it('imports students and the wide register, and a second import changes nothing', async () => {
    const { db } = await schoolDb();
    const students = ['import', '--db', db, '--kind', 'students', '--date-order', 'dmy'];
    const first = runCli([...students, fixture('students-pt.csv')]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      'Imported: students-pt.csv as students: 3 created, 0 changed, 0 unchanged.',
    );
    expect(first.stdout).toMatch(/classes\s+2 created/);
    const again = runCli([...students, fixture('students-pt.csv')]);
    expect(again.stdout).toContain('0 created, 0 changed, 3 unchanged');
    const wide = runCli([
      'import',
      '--db',
      db,
      '--kind',
      'attendance',
      '--date-order',
      'dmy',
      '--sep',
      ';',
      fixture('attendance-wide-pt.csv'),
    ]);
    expect(wide.code).toBe(0);
    expect(wide.stdout).toContain('as attendance: 8 created, 0 changed, 0 unchanged');
    expect(count(db, 'attendance')).toBe(8);
  });

  it('refuses a bad file with exit code 1, prints every problem and saves the report', async () => {
    const { dir, db } = await schoolDb(true);
    const report = join(dir, 'report.csv');
    const r = runCli([
      'import',
      '--db',
      db,
      '--kind',
      'attendance',
      '--report',
      report,
      fixture('attendance-bad.csv'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'attendance-bad.csv was refused: nothing was written. 3 problem(s) in 3 row(s):',
    );
    expect(r.stderr).toContain(
      '  row 3, column "student_number": no student with number 104 in this school: import the students first (value "104")',
    );
    expect(r.stderr).toContain('  row 4, column "date": "2025-09-31" is not a real calendar date');
    expect(r.stderr).toContain(
      '  row 5, column "date": student 101 on 2025-09-18 appears twice: rows 2 and 5',
    );
    expect(readFileSync(report, 'utf8')).toBe(
      [
        'row,column,value,reason',
        '3,student_number,104,no student with number 104 in this school: import the students first',
        '4,date,2025-09-31,"""2025-09-31"" is not a real calendar date"',
        '5,date,2025-09-18,student 101 on 2025-09-18 appears twice: rows 2 and 5',
        '',
      ].join('\r\n'),
    );
    expect(count(db, 'attendance')).toBe(0);
  });

  it('dry-runs, reads a mapping file, saves it by name and reuses the name', async () => {
    const { db } = await schoolDb(true);
    const base = ['import', '--db', db, '--kind', 'attendance'];
    const dry = runCli([
      ...base,
      '--dry-run',
      '--mapping',
      fixture('attendance-mapping.json'),
      fixture('attendance-custom.csv'),
    ]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(
      'Dry run (nothing written): attendance-custom.csv as attendance: 2 created',
    );
    expect(count(db, 'attendance')).toBe(0);
    const saved = runCli([
      ...base,
      '--mapping',
      fixture('attendance-mapping.json'),
      '--save-mapping',
      'Old system',
      fixture('attendance-custom.csv'),
    ]);
    expect(saved.stdout).toContain('Saved the mapping as "Old system".');
    const byName = runCli([
      ...base,
      '--mapping',
      'Old system',
      '--json',
      fixture('attendance-custom.csv'),
    ]);
    expect(JSON.parse(byName.stdout)).toMatchObject({
      outcome: 'imported',
      totals: { created: 0, changed: 0, unchanged: 2 },
    });
  });

  it('exports CSV that imports back unchanged', async () => {
    const { dir, db } = await schoolDb(true);
    const out = join(dir, 'students.csv');
    const e = runCli(['export', '--db', db, '--kind', 'students', '--out', out, '--sep', ';']);
    expect(e.stdout).toContain(`Exported 3 students row(s) to ${out}.`);
    const csv = readFileSync(out, 'utf8');
    expect(csv).toContain('102;João;"""Jo"" Costa";M;2012-11-28;;;;;7A;2025-2026');
    const back = runCli(['import', '--db', db, '--kind', 'students', out]);
    expect(back.stdout).toContain('0 created, 0 changed, 3 unchanged');
  });

  it('refuses wrong calls with exit code 2', async () => {
    const { dir, db } = await schoolDb();
    const kind = runCli(['import', '--db', db, '--kind', 'grades', fixture('students-pt.csv')]);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain(
      '--kind must be one of students, attendance, marks, incidents, not "grades".',
    );
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ kind: 'marks', fields: {} }));
    const r = runCli([
      'import',
      '--db',
      db,
      '--kind',
      'students',
      '--mapping',
      wrong,
      fixture('students-pt.csv'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is for marks files, not students');
  });
});
