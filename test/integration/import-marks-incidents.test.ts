import { describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { addStudent, csvFile, importSchool, ok, reasons, tableCounts } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

/** A school with 7A (2025-2026), its first term, S1 and S2 enrolled and S3 in no class. */
async function school() {
  const s = await importSchool(tempDir());
  afterTest(() => s.backend.close());
  const classId = newId();
  s.db
    .prepare(
      "INSERT INTO classes (id, school_id, school_year, name) VALUES (?, ?, '2025-2026', '7A')",
    )
    .run(classId, s.schoolId);
  s.db
    .prepare(
      `INSERT INTO terms (id, school_id, school_year, name, start_date, end_date)
       VALUES (?, ?, '2025-2026', '1º Período', '2025-09-01', '2025-12-19')`,
    )
    .run(newId(), s.schoolId);
  for (const n of ['S1', 'S2']) {
    const id = addStudent(s.db, s.schoolId, n);
    s.db
      .prepare(
        "INSERT INTO enrolments (id, school_id, student_id, class_id, start_date) VALUES (?, ?, ?, ?, '2025-09-01')",
      )
      .run(newId(), s.schoolId, id, classId);
  }
  addStudent(s.db, s.schoolId, 'S3');
  return { ...s, classId };
}

const marks = [
  'Nº aluno;Disciplina;Avaliação;Período;Nota;Cotação',
  'S1;Matemática;Teste 1;1º Período;14,5;20',
  'S2;Matemática;Teste 1;1º Período;9;20',
].join('\n');

describe('importing marks', () => {
  it('finds the class by enrolment, creates the assessment and is idempotent', async () => {
    const s = await school();
    const report = ok(await s.api.runImport({ kind: 'marks', file: csvFile(marks) }));
    expect(report.tables).toEqual({
      assessments: { created: 1, changed: 0, unchanged: 0 },
      marks: { created: 2, changed: 0, unchanged: 0 },
    });
    expect(
      s.db
        .prepare(
          'SELECT a.class_id, a.subject, a.name, a.max_score, t.name AS term FROM assessments a JOIN terms t ON t.id = a.term_id',
        )
        .get(),
    ).toEqual({
      class_id: s.classId,
      subject: 'Matemática',
      name: 'Teste 1',
      max_score: 20,
      term: '1º Período',
    });
    expect(s.db.prepare('SELECT score FROM marks ORDER BY score').pluck().all()).toEqual([9, 14.5]);
    expect(
      s.db
        .prepare('SELECT count(*) FROM student_features WHERE average_mark IS NOT NULL')
        .pluck()
        .get(),
    ).toBe(2);
    const again = ok(await s.api.runImport({ kind: 'marks', file: csvFile(marks) }));
    expect(again.tables).toEqual({
      assessments: { created: 0, changed: 0, unchanged: 1 },
      marks: { created: 0, changed: 0, unchanged: 2 },
    });
    const fixed = ok(
      await s.api.runImport({ kind: 'marks', file: csvFile(marks.replace(';9;', ';10;')) }),
    );
    expect(fixed.totals).toEqual({ created: 0, changed: 1, unchanged: 1 });
  });

  it('refuses marks out of range, a contradicting maximum, unknown terms and unplaced students', async () => {
    const s = await school();
    ok(await s.api.runImport({ kind: 'marks', file: csvFile(marks) }));
    const bad = [
      'Nº aluno;Disciplina;Avaliação;Período;Nota;Cotação',
      'S1;Matemática;Teste 1;1º Período;23;',
      'S2;Matemática;Teste 1;1º Período;80;100',
      'S1;Matemática;Teste 2;;12;',
      'S2;Matemática;Teste 2;3º Período;12;20',
      'S3;Matemática;Teste 2;;12;20',
      'S1;Inglês;Oral;;-1;20',
    ].join('\n');
    const before = tableCounts(s.db);
    const report = ok(await s.api.runImport({ kind: 'marks', file: csvFile(bad) }));
    expect(report.outcome).toBe('refused');
    expect(reasons(report)).toEqual([
      "2|Nota|the score 23 is above Matemática / Teste 1's maximum of 20",
      "3|Cotação|Matemática / Teste 1 has the maximum 20 in Beacon, not 100; change it in Beacon's marks screen",
      '4|Cotação|Matemática / Teste 2 is not an assessment of this class yet: give its maximum to create it',
      '5|Período|no term named 3º Período in 2025-2026 (terms: 1º Período)',
      '6|class|student S3 is not enrolled in a class: add a class column or enrol them first',
      '7|Nota|the score -1 is below 0',
    ]);
    expect(tableCounts(s.db)).toEqual(before);
  });

  it('reads one column per assessment when the mapping lists mark columns', async () => {
    const s = await school();
    const grid = 'Nº;Turma;Teste 1;Teste 2\nS1;7A;12;15,5\nS2;7A;;21\n';
    const report = ok(
      await s.api.runImport({
        kind: 'marks',
        file: csvFile(grid),
        mapping: {
          marks: [
            { column: 'Teste 1', subject: 'Inglês', term: '1º Período', maximum: 20 },
            { column: 'Teste 2', subject: 'Inglês', maximum: 20, weight: 2 },
          ],
        },
      }),
    );
    expect(reasons(report)).toEqual([
      "3|Teste 2|the score 21 is above Inglês / Teste 2's maximum of 20",
    ]);
    const fixed = ok(
      await s.api.runImport({
        kind: 'marks',
        file: csvFile(grid.replace(';21', ';19')),
        mapping: {
          marks: [
            { column: 'Teste 1', subject: 'Inglês', term: '1º Período', maximum: 20 },
            { column: 'Teste 2', subject: 'Inglês', maximum: 20, weight: 2 },
          ],
        },
      }),
    );
    expect(fixed.tables).toEqual({
      assessments: { created: 2, changed: 0, unchanged: 0 },
      marks: { created: 3, changed: 0, unchanged: 0 },
    });
    expect(s.db.prepare('SELECT name, weight FROM assessments ORDER BY name').all()).toEqual([
      { name: 'Teste 1', weight: 1 },
      { name: 'Teste 2', weight: 2 },
    ]);
  });

  it('refuses the same mark twice in one file, naming both rows', async () => {
    const s = await school();
    const twice = `${marks}\nS1;matemática;teste 1;1º período;15;20\n`;
    const report = ok(await s.api.runImport({ kind: 'marks', file: csvFile(twice) }));
    expect(reasons(report)).toEqual([
      "4|Nota|student S1's mark for matemática / teste 1 appears twice: rows 2 and 4",
    ]);
  });
});

const incidents = [
  'student_number,date,category,severity,action_taken,suspension_days,description',
  'S1,2025-09-22,Fighting,grave,Suspension,2,"Fight in the yard, ""serious"""',
  'S2,2025-09-23,Lateness,low,,,',
].join('\n');

describe('importing incidents', () => {
  it('imports incidents idempotently on student, date and category', async () => {
    const s = await school();
    const report = ok(await s.api.runImport({ kind: 'incidents', file: csvFile(incidents) }));
    expect(report.totals).toEqual({ created: 2, changed: 0, unchanged: 0 });
    expect(
      s.db
        .prepare(
          'SELECT category, severity, action_taken, suspension_days, description FROM behaviour_incidents ORDER BY date',
        )
        .all(),
    ).toEqual([
      {
        category: 'Fighting',
        severity: 3,
        action_taken: 'Suspension',
        suspension_days: 2,
        description: 'Fight in the yard, "serious"',
      },
      {
        category: 'Lateness',
        severity: 1,
        action_taken: null,
        suspension_days: 0,
        description: null,
      },
    ]);
    const features = s.db
      .prepare(
        'SELECT incidents_sev3_90d, suspension_days FROM student_features WHERE suspension_days > 0',
      )
      .all();
    expect(features).toEqual([{ incidents_sev3_90d: 1, suspension_days: 2 }]);
    const again = ok(await s.api.runImport({ kind: 'incidents', file: csvFile(incidents) }));
    expect(again.totals).toEqual({ created: 0, changed: 0, unchanged: 2 });
    const milder = incidents.replace('Fighting,grave', 'fighting,2');
    const changed = ok(await s.api.runImport({ kind: 'incidents', file: csvFile(milder) }));
    expect(changed.totals).toEqual({ created: 0, changed: 1, unchanged: 1 });
    expect(tableCounts(s.db).behaviour_incidents).toBe(2);
  });

  it('refuses duplicates in the file, bad severities and ambiguous matches', async () => {
    const s = await school();
    ok(await s.api.runImport({ kind: 'incidents', file: csvFile(incidents) }));
    const s2 = s.db
      .prepare("SELECT student_id FROM behaviour_incidents WHERE category = 'Lateness'")
      .pluck()
      .get();
    s.db
      .prepare(
        "INSERT INTO behaviour_incidents (id, school_id, student_id, date, category, severity) VALUES (?, ?, ?, '2025-09-23', 'lateness', 1)",
      )
      .run(newId(), s.schoolId, s2);
    const bad = [
      'student_number,date,category,severity',
      'S1,2025-09-24,Insolence,5',
      'S1,2025-09-25,Insolence,1',
      'S1,2025-09-25,insolence,2',
      'S2,2025-09-23,Lateness,1',
    ].join('\n');
    const report = ok(await s.api.runImport({ kind: 'incidents', file: csvFile(bad) }));
    expect(reasons(report)).toEqual([
      '2|severity|"5" is not a severity (use 1, 2 or 3, or low, medium, high)',
      `4|category|student S1's "insolence" incident on 2025-09-25 appears twice: rows 3 and 4`,
      '5||2 "Lateness" incidents are already recorded for student S2 on 2025-09-23; which one this row means cannot be told, so edit them in Beacon',
    ]);
  });
});
