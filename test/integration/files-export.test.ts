import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../main/backend/import/xlsx-read';
import { csvOf, addClass, addStudents, ok, recordsSchool } from '../support/school';
import { runCli } from '../support/run-cli';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

/** A school with two students in 7A, one intervention, and a calendar. */
async function school() {
  const dir = tempDir();
  const s = await recordsSchool(dir);
  afterTest(() => s.backend.close());
  const [ana, rui] = await addStudents(s.api, ['Ana Silva', 'Rui Costa']);
  await addClass(s.api, '7A', [ana as string, rui as string]);
  ok(
    await s.api.createIntervention({
      studentId: ana as string,
      type: 'Mentoring; =weekly',
      startDate: '2025-09-20',
      reviewDate: '2025-10-20',
      outcomeNote: 'Meets on Tuesdays',
    }),
  );
  return { ...s, dir };
}

describe('export covers every record kind, as CSV or a real workbook', () => {
  it('exports classes, enrolments and interventions', async () => {
    const s = await school();
    const csv = async (kind: 'classes' | 'enrolments' | 'interventions') =>
      csvOf(ok(await s.api.exportRecords({ kind }))).replace(/^\uFEFF/, '');
    expect(await csv('classes')).toBe('school_year,name,grade_level,teacher\r\n2025-2026,7A,,\r\n');
    expect(await csv('enrolments')).toBe(
      'student_number,class,school_year,start_date,end_date\r\n' +
        'S1,7A,2025-2026,2025-09-01,\r\nS2,7A,2025-2026,2025-09-01,\r\n',
    );
    expect(await csv('interventions')).toBe(
      'student_number,type,owner,start_date,review_date,status,outcome_note\r\n' +
        `S1,"Mentoring; '=weekly",,2025-09-20,2025-10-20,planned,Meets on Tuesdays\r\n`,
    );
  });

  it('writes a real .xlsx workbook that import reads back as the same records', async () => {
    const s = await school();
    const exported = ok(await s.api.exportRecords({ kind: 'students', format: 'xlsx' }));
    expect(exported.format).toBe('xlsx');
    if (exported.format !== 'xlsx') return;
    expect(exported.fileName).toBe('students.xlsx');
    const table = await readXlsx(exported.bytes);
    expect(table.header).toEqual([
      'student_number',
      'first_name',
      'last_name',
      'sex',
      'date_of_birth',
      'grade_level',
      'entry_date',
      'ethnicity',
      'low_income',
      'class',
      'school_year',
      'enrolment_status',
      'status_date',
    ]);
    const report = ok(
      await s.api.runImport({
        kind: 'students',
        file: { name: exported.fileName, bytes: exported.bytes },
      }),
    );
    expect(report).toMatchObject({ outcome: 'imported', totals: { created: 0, changed: 0 } });
    expect(report.totals.unchanged).toBe(2);
  });

  it('beacon export writes .xlsx as a workbook and refuses an extension it cannot write', async () => {
    const s = await school();
    await s.backend.close();
    const db = join(s.dir, 'beacon.sqlite');
    const xlsx = join(s.dir, 'interventions.xlsx');
    const made = runCli(['export', '--db', db, '--kind', 'interventions', '--out', xlsx]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const table = await readXlsx(new Uint8Array(readFileSync(xlsx)));
    expect([...table.rows].map((r) => r.cells.slice(0, 2))).toEqual([['S1', 'Mentoring; =weekly']]);
    const ods = join(s.dir, 'students.ods');
    const refused = runCli(['export', '--db', db, '--kind', 'students', '--out', ods]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Beacon exports .csv or .xlsx files, not .ods');
    expect(existsSync(ods)).toBe(false);
  });
});
