import { describe, expect, it } from 'vitest';
import type { StudentTableQuery } from '../../contract';
import { newId } from '../../db/ids';
import {
  addClass,
  addStudents,
  addUser,
  ok,
  recordsSchool,
  type RecordsSchool,
} from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

/** Four students: Ana and Bruno in 7A, Carla in 8A, Dario in no class; Ana often absent. */
async function school(withScores = true) {
  const s = await recordsSchool(tempDir());
  afterTest(() => s.backend.close());
  const [ana, bruno, carla, dario] = (await addStudents(s.api, [
    'Ana Silva',
    'Bruno Costa',
    'Carla Dias',
    'Dario Lima',
  ])) as [string, string, string, string];
  for (const [id, grade] of [
    [ana, 7],
    [bruno, 7],
    [carla, 8],
  ] as const) {
    ok(await s.api.editStudent({ studentId: id, gradeLevel: grade }));
  }
  const teacher = addUser(s.backend, s.schoolId, 'teacher', 'Tomas Teacher');
  const class7 = await addClass(s.api, '7A', [ana, bruno]);
  const class8 = await addClass(s.api, '8A', [carla], teacher.id);
  const days = ['2025-10-07', '2025-10-08', '2025-10-09', '2025-10-10', '2025-10-13'];
  for (const [i, date] of days.entries()) {
    ok(
      await s.api.saveRegister({
        classId: class7,
        date,
        entries: [
          { studentId: ana, status: i < 2 ? 'absent' : 'present' },
          { studentId: bruno, status: 'present' },
        ],
      }),
    );
  }
  if (withScores)
    scored(s, { [ana]: [0.8, 'high'], [bruno]: [0.1, 'low'], [carla]: [0.4, 'medium'] });
  return { ...s, ana, bruno, carla, dario, class7, class8, teacher };
}

/** Scores as a live model would have left them (no model needed to read them back). */
function scored(s: RecordsSchool, scores: Record<string, [number, string]>) {
  const model = newId();
  s.db
    .prepare(
      `INSERT INTO model_versions (id, school_id, kind, status, trigger, feature_schema_hash,
         metrics, artifact_sha256) VALUES (?, ?, 'logistic', 'champion', 'manual', 'h', '{}', ?)`,
    )
    .run(model, s.schoolId, 'a'.repeat(64));
  const insert = s.db.prepare(
    `INSERT INTO risk_scores (school_id, student_id, model_version_id, score, tier, factors, scored_at)
     VALUES (?, ?, ?, ?, ?, '[]', '2025-10-14T00:00:00Z')`,
  );
  for (const [id, [score, tier]] of Object.entries(scores)) {
    insert.run(s.schoolId, id, model, score, tier);
  }
}

type School = Awaited<ReturnType<typeof school>>;
const names = async (s: School, query: StudentTableQuery = {}, api = s.api) =>
  ok(await api.studentTable(query)).rows.map((r) => r.firstName);

describe('the Students table view', () => {
  it('answers every student with class, tier, score and 30-day attendance, by name', async () => {
    const s = await school();
    const table = ok(await s.api.studentTable({}));
    expect(table.rows.map((r) => r.lastName)).toEqual(['Costa', 'Dias', 'Lima', 'Silva']);
    const ana = table.rows.find((r) => r.id === s.ana);
    expect(ana).toMatchObject({
      studentNumber: 'S1',
      gradeLevel: 7,
      className: '7A',
      classId: s.class7,
      status: 'active',
      archived: false,
      tier: 'high',
      score: 0.8,
    });
    const features = s.db
      .prepare('SELECT attendance_rate_30d FROM student_features WHERE student_id = ?')
      .pluck()
      .get(s.ana) as number;
    expect(features).toBeLessThan(0.9);
    expect(ana?.attendance30d).toBe(features);
    expect(table.rows.find((r) => r.id === s.dario)).toMatchObject({
      className: null,
      tier: null,
      score: null,
    });
  });

  it('filters by search, class, grade, tier and indicator, combined', async () => {
    const s = await school();
    expect(await names(s, { search: 'sil' })).toEqual(['Ana']);
    expect(await names(s, { search: 'costa bru' })).toEqual(['Bruno']);
    expect(await names(s, { search: 'S3' })).toEqual(['Carla']);
    expect(await names(s, { search: '%' })).toEqual([]);
    expect(await names(s, { classId: s.class7 })).toEqual(['Bruno', 'Ana']);
    expect(await names(s, { gradeLevel: 8 })).toEqual(['Carla']);
    expect(await names(s, { tier: 'high' })).toEqual(['Ana']);
    expect(await names(s, { indicator: 'lowAttendance30d' })).toEqual(['Ana']);
    expect(await names(s, { indicator: 'recentIncidents' })).toEqual([]);
    expect(await names(s, { classId: s.class7, tier: 'low' })).toEqual(['Bruno']);
  });

  it('sorts by any column either way, unknown values last', async () => {
    const s = await school();
    expect(await names(s, { sort: 'risk', descending: true })).toEqual([
      'Ana',
      'Carla',
      'Bruno',
      'Dario',
    ]);
    expect(await names(s, { sort: 'risk' })).toEqual(['Bruno', 'Carla', 'Ana', 'Dario']);
    expect(await names(s, { sort: 'class', descending: true })).toEqual([
      'Carla',
      'Bruno',
      'Ana',
      'Dario',
    ]);
    expect(await names(s, { sort: 'attendance30d' })).toEqual(['Ana', 'Bruno', 'Carla', 'Dario']);
    expect(await names(s, { sort: 'number', descending: true })).toEqual([
      'Dario',
      'Carla',
      'Bruno',
      'Ana',
    ]);
  });

  it('leaves archived students out unless asked, and shows a status change', async () => {
    // Without scores: a status change re-scores, and the test's stand-in model has no artifact.
    const s = await school(false);
    ok(await s.api.archiveStudent({ studentId: s.dario, archived: true }));
    ok(
      await s.api.changeStudentStatus({
        studentId: s.carla,
        status: 'dropped_out',
        effectiveDate: '2025-10-14',
        reason: 'moved away for work',
      }),
    );
    expect(await names(s)).toEqual(['Bruno', 'Carla', 'Ana']);
    expect(await names(s, { includeArchived: true })).toContain('Dario');
    expect(await names(s, { status: 'dropped_out' })).toEqual(['Carla']);
  });

  it("shows a teacher only their classes' students", async () => {
    const s = await school();
    expect(await names(s, {}, s.teacher.api)).toEqual(['Carla']);
    expect(await names(s, { classId: s.class7 }, s.teacher.api)).toEqual([]);
  });

  it('refuses an unknown sort column or indicator, naming the field', async () => {
    const s = await school();
    const bad = await s.api.studentTable({ sort: 'age' as never });
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(!bad.ok && bad.message).toMatch(/sort/);
    const worse = await s.api.studentTable({ indicator: '1=1; DROP TABLE students' as never });
    expect(worse).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await names(s)).toHaveLength(4);
  });
});
