import { decodeChanges } from '../../main/backend/services/audit-changes';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { savedMappingInput } from '../../contract/domains/import';
import { addStudent, csvFile, importSchool, ok, reasons, tableCounts } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const s = await importSchool(tempDir());
  afterTest(() => s.backend.close());
  return s;
}

const root = new URL('../..', import.meta.url);
const datasets = fileURLToPath(new URL('../shared/datasets/', root));
const uciMapping = (course: 'por' | 'mat') => {
  const {
    kind: _kind,
    name: _name,
    ...mapping
  } = savedMappingInput.parse(
    JSON.parse(
      readFileSync(new URL(`docs/import-mappings/uci-student-${course}.json`, root), 'utf8'),
    ),
  );
  return mapping;
};

const list = [
  'Nº Aluno;Nome;Sexo;Data de nascimento;Ano;Turma;Ano letivo;ASE',
  '101;Ana Maria Silva;F;03/02/2013;7;7A;2025/2026;sim',
  '102;João Costa;M;28/11/2012;7;7A;2025-2026;não',
  '103;Inês Sá;F;;7;7B;2025-2026;',
].join('\r\n');

describe('importing students', () => {
  it('creates students, their classes and enrolments, and changes nothing the second time', async () => {
    const s = await school();
    const input = {
      kind: 'students' as const,
      file: csvFile(list),
      options: { dateOrder: 'dmy' as const },
    };
    const report = ok(await s.api.runImport(input));
    expect(report.tables).toEqual({
      students: { created: 3, changed: 0, unchanged: 0 },
      classes: { created: 2, changed: 0, unchanged: 0 },
      enrolments: { created: 3, changed: 0, unchanged: 0 },
    });
    const ana = s.db.prepare("SELECT * FROM students WHERE student_number = '101'").get();
    expect(ana).toMatchObject({
      first_name: 'Ana',
      last_name: 'Maria Silva',
      sex: 'F',
      date_of_birth: '2013-02-03',
      grade_level: 7,
      low_income: 1,
      status: 'active',
    });
    expect(
      s.db
        .prepare(
          `SELECT c.name, c.school_year, e.start_date, e.end_date FROM enrolments e
           JOIN classes c ON c.id = e.class_id ORDER BY c.name`,
        )
        .all(),
    ).toEqual([
      { name: '7A', school_year: '2025-2026', start_date: '2025-09-01', end_date: null },
      { name: '7A', school_year: '2025-2026', start_date: '2025-09-01', end_date: null },
      { name: '7B', school_year: '2025-2026', start_date: '2025-09-01', end_date: null },
    ]);
    expect(tableCounts(s.db).student_features).toBe(3);
    const before = tableCounts(s.db);
    const again = ok(await s.api.runImport(input));
    expect(again.totals).toEqual({ created: 0, changed: 0, unchanged: 3 });
    expect(tableCounts(s.db)).toEqual(before);
  });

  it('updates only mapped columns of existing students, auditing before and after', async () => {
    const s = await school();
    const id = addStudent(s.db, s.schoolId, '101', 'Ana', 'Silva');
    s.db.prepare("UPDATE students SET date_of_birth = '2013-02-03' WHERE id = ?").run(id);
    const file = csvFile('student id;first name;last name;gender\n101;Ana;Silva Santos;F\n');
    const report = ok(await s.api.runImport({ kind: 'students', file }));
    expect(report.totals).toEqual({ created: 0, changed: 1, unchanged: 0 });
    const row = s.db.prepare('SELECT * FROM students WHERE id = ?').get(id);
    expect(row).toMatchObject({ last_name: 'Silva Santos', sex: 'F', date_of_birth: '2013-02-03' });
    // The file's entry lists the student with only the columns that changed.
    const changes = s.db
      .prepare("SELECT changes FROM audit_log WHERE entity = 'students' AND action = 'import'")
      .pluck()
      .get() as string;
    expect(decodeChanges(s.db, changes)).toEqual([
      {
        entityId: id,
        before: { last_name: 'Silva', sex: null },
        after: { last_name: 'Silva Santos', sex: 'F' },
      },
    ]);
  });

  it('refuses a class move, a new student without a name and a repeated number', async () => {
    const s = await school();
    ok(
      await s.api.runImport({
        kind: 'students',
        file: csvFile(list),
        options: { dateOrder: 'dmy' },
      }),
    );
    const file = csvFile(
      'number;first name;last name;class\n101;Ana;Silva;7B\n104;;Lopes;7A\n105;Rita;Gomes;7A\n105;Rita;Gomes;7A\n',
    );
    const report = ok(await s.api.runImport({ kind: 'students', file }));
    expect(report.outcome).toBe('refused');
    expect(reasons(report)).toEqual([
      '2|class|student 101 is in 7A for 2025-2026; move students between classes in Beacon, which keeps their history',
      '3|first name|first name is empty',
      '5|number|student number 105 appears twice: rows 4 and 5',
    ]);
    expect(report.rejectedRows).toBe(3);
    expect(tableCounts(s.db).students).toBe(3);
  });

  it('imports the UCI Portuguese and Mathematics files as published', async () => {
    const s = await school();
    const por = readFileSync(`${datasets}student-por.csv`);
    const porInput = {
      kind: 'students' as const,
      file: { name: 'student-por.csv', bytes: new Uint8Array(por) },
      mapping: uciMapping('por'),
    };
    const report = ok(await s.api.runImport(porInput));
    expect(report).toMatchObject({ outcome: 'imported', separator: ';', dataRows: 649 });
    expect(report.tables).toEqual({
      students: { created: 649, changed: 0, unchanged: 0 },
      classes: { created: 2, changed: 0, unchanged: 0 },
      enrolments: { created: 649, changed: 0, unchanged: 0 },
      assessments: { created: 6, changed: 0, unchanged: 0 },
      marks: { created: 3 * 649, changed: 0, unchanged: 0 },
      attendance_summaries: { created: 649, changed: 0, unchanged: 0 },
    });
    // Row 2 of the file: "GP";"F";18;... absences 4, G1 "0", G2 "11", G3 11.
    const first = s.db
      .prepare("SELECT * FROM students WHERE student_number = 'POR-GP-2'")
      .get() as { id: string };
    expect(first).toMatchObject({ sex: 'F', date_of_birth: '1987-07-01', last_name: 'POR-GP-2' });
    expect(
      s.db
        .prepare(
          `SELECT a.name, a.max_score, m.score FROM marks m JOIN assessments a ON a.id = m.assessment_id
           WHERE m.student_id = ? ORDER BY a.name`,
        )
        .all(first.id),
    ).toEqual([
      { name: 'G1 first period', max_score: 20, score: 0 },
      { name: 'G2 second period', max_score: 20, score: 11 },
      { name: 'G3 final', max_score: 20, score: 11 },
    ]);
    expect(
      s.db
        .prepare('SELECT period, absences FROM attendance_summaries WHERE student_id = ?')
        .get(first.id),
    ).toEqual({ period: '2005-2006', absences: 4 });
    expect(
      s.db
        .prepare('SELECT count(*) FROM student_features WHERE average_mark IS NOT NULL')
        .pluck()
        .get(),
    ).toBe(649);
    const again = ok(await s.api.runImport(porInput));
    expect(again.tables.students).toEqual({ created: 0, changed: 0, unchanged: 649 });
    expect(again.tables.marks).toEqual({ created: 0, changed: 0, unchanged: 3 * 649 });

    const mat = readFileSync(`${datasets}student-mat.csv`);
    const matReport = ok(
      await s.api.runImport({
        kind: 'students',
        file: { name: 'student-mat.csv', bytes: new Uint8Array(mat) },
        mapping: uciMapping('mat'),
      }),
    );
    expect(matReport.totals).toEqual({ created: 395, changed: 0, unchanged: 0 });
    expect(matReport.tables.marks?.created).toBe(3 * 395);
    expect(tableCounts(s.db).students).toBe(649 + 395);
  });
});
