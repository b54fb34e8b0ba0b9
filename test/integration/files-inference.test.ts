import { describe, expect, it } from 'vitest';
import { addStudent, csvFile, importSchool, ok, reasons } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const s = await importSchool(tempDir());
  afterTest(() => s.backend.close());
  return s;
}

const students = (s: Awaited<ReturnType<typeof school>>) =>
  s.db
    .prepare(
      'SELECT student_number, date_of_birth, entry_date, grade_level FROM students ORDER BY 1',
    )
    .all();

describe('import reads what is unambiguous without being told', () => {
  it('takes the only date order every date fits, per file', async () => {
    const s = await school();
    const dayFirst = [
      'student_number,first_name,last_name,date_of_birth,entry_date',
      'S1,Ana,Silva,03/04/2012,14/09/2024',
      'S2,Rui,Costa,28/02/2013,',
    ].join('\n');
    const report = ok(await s.api.runImport({ kind: 'students', file: csvFile(dayFirst) }));
    expect(report.outcome).toBe('imported');
    expect(report.mapping.options?.dateOrder).toBe('dmy');
    const monthFirst =
      'student_number,first_name,last_name,date_of_birth\nS3,Eva,Sousa,12/31/2012\n';
    ok(await s.api.runImport({ kind: 'students', file: csvFile(monthFirst) }));
    expect(students(s)).toEqual([
      {
        student_number: 'S1',
        date_of_birth: '2012-04-03',
        entry_date: '2024-09-14',
        grade_level: null,
      },
      { student_number: 'S2', date_of_birth: '2013-02-28', entry_date: null, grade_level: null },
      { student_number: 'S3', date_of_birth: '2012-12-31', entry_date: null, grade_level: null },
    ]);
  });

  it('refuses a file whose dates need different orders, naming two of them', async () => {
    const s = await school();
    addStudent(s.db, s.schoolId, 'S1');
    const text = 'student_number,date,status\nS1,14/09/2025,P\nS1,09/15/2025,P\n';
    const report = ok(await s.api.runImport({ kind: 'attendance', file: csvFile(text) }));
    expect(report.outcome).toBe('refused');
    expect(reasons(report)).toEqual([
      'file||The file\'s dates are written in different orders: "09/15/2025" can only be month/day/year, but "14/09/2025" can only be day/month/year. Write them one way, or as YYYY-MM-DD.',
    ]);
  });

  it('reads a wide register whose day columns are day-first without --date-order', async () => {
    const s = await school();
    addStudent(s.db, s.schoolId, 'S1');
    const text = 'Nº aluno;15/09/2025;16/09/2025\nS1;P;F\n';
    const report = ok(await s.api.runImport({ kind: 'attendance', file: csvFile(text) }));
    expect(report).toMatchObject({ outcome: 'imported', layout: 'wide', totals: { created: 2 } });
  });

  it('reads grades written "Grade 8", "8th", "G8", "Year 8" or "8º ano" as 8', async () => {
    const s = await school();
    const text = [
      'student_number,first_name,last_name,grade',
      'S1,Ana,Silva,Grade 8',
      'S2,Rui,Costa,8th',
      'S3,Eva,Sousa,G8',
      'S4,Rita,Lima,Year 8',
      'S5,Joao,Reis,8º ano',
      'S6,Teo,Cruz,K',
    ].join('\n');
    ok(await s.api.runImport({ kind: 'students', file: csvFile(text) }));
    expect(students(s).map((r) => (r as { grade_level: number }).grade_level)).toEqual([
      8, 8, 8, 8, 8, 0,
    ]);
    const bad =
      'student_number,first_name,last_name,grade\nS7,Ivo,Paz,Grade 14\nS8,Ema,Luz,eighth\n';
    const report = ok(await s.api.runImport({ kind: 'students', file: csvFile(bad) }));
    expect(reasons(report)).toEqual([
      '2|grade|14 is outside 0 to 13',
      '3|grade|"eighth" is not a grade (use a number from 0 to 13, e.g. 8 or "Grade 8")',
    ]);
  });
});

describe('a students file says who left school and when', () => {
  it('records the status change as the screens do, and refuses a leaving date left out', async () => {
    const s = await school();
    const text = [
      'student_number,first_name,last_name,class,school_year,status,date left',
      'S1,Ana,Silva,7A,2024-2025,active,',
      'S2,Rui,Costa,7A,2024-2025,dropped out,2025-02-10',
    ].join('\n');
    const report = ok(await s.api.runImport({ kind: 'students', file: csvFile(text) }));
    expect(report.tables.student_status_changes).toEqual({ created: 1, changed: 0, unchanged: 0 });
    expect(
      s.db
        .prepare(
          `SELECT s.student_number, s.status, x.effective_date, e.end_date FROM students s
           LEFT JOIN student_status_changes x ON x.student_id = s.id
           JOIN enrolments e ON e.student_id = s.id ORDER BY 1`,
        )
        .all(),
    ).toEqual([
      { student_number: 'S1', status: 'active', effective_date: null, end_date: null },
      {
        student_number: 'S2',
        status: 'dropped_out',
        effective_date: '2025-02-10',
        end_date: '2025-02-09',
      },
    ]);
    const again = ok(await s.api.runImport({ kind: 'students', file: csvFile(text) }));
    expect(again.tables.student_status_changes).toBeUndefined();
    const bad = [
      'student_number,first_name,last_name,status,date left',
      'S1,Ana,Silva,graduated,',
      'S2,Rui,Costa,transferred,2025-03-01',
    ].join('\n');
    const refused = ok(await s.api.runImport({ kind: 'students', file: csvFile(bad) }));
    expect(reasons(refused)).toEqual([
      '2|date left|the date student S1 became graduated is empty',
      '3|status|student S2 is already dropped out: record their return first',
    ]);
  });
});

describe('a date that is no date in any order', () => {
  it('says so, rather than asking for an order', async () => {
    const s = await school();
    addStudent(s.db, s.schoolId, 'S1');
    const text = 'student_number,date,status\nS1,2025-09-15,P\nS1,31/31/2025,P\n';
    const report = ok(await s.api.runImport({ kind: 'attendance', file: csvFile(text) }));
    expect(reasons(report)).toEqual([
      '3|date|"31/31/2025" is not a real calendar date in any order (day/month/year, month/day/year or year/month/day)',
    ]);
  });
});
