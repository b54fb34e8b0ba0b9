import { describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { writeScores } from '../../main/backend/scoring/score';
import { addClass, addStudents, addUser, ok, recordsSchool } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const s = await recordsSchool(tempDir());
  afterTest(() => s.backend.close());
  const [ana, bruno] = (await addStudents(s.api, ['Ana Silva', 'Bruno Costa'])) as [string, string];
  const classId = await addClass(s.api, '7A', [ana, bruno]);
  return { ...s, ana, bruno, classId };
}

/** A retired model version for scorings to point at: the profile names its kind. */
function retiredModel(s: Awaited<ReturnType<typeof school>>, kind: string): string {
  const model = newId();
  s.db
    .prepare(
      `INSERT INTO model_versions (id, school_id, kind, status, trigger, feature_schema_hash,
         metrics, artifact_sha256) VALUES (?, ?, ?, 'retired', 'manual', 'h', '{}', ?)`,
    )
    .run(model, s.schoolId, kind, 'b'.repeat(64));
  return model;
}

describe('the student profile view', () => {
  it("answers a student's days, rates, term averages by subject and scorings with their model", async () => {
    const s = await school();
    for (const [date, status] of [
      ['2025-10-07', 'absent'],
      ['2025-10-08', 'present'],
      ['2025-10-09', 'late'],
    ] as const) {
      ok(
        await s.api.saveRegister({
          classId: s.classId,
          date,
          entries: [
            { studentId: s.ana, status },
            { studentId: s.bruno, status: 'present' },
          ],
        }),
      );
    }
    const term = ok(
      await s.api.createTerm({
        schoolYear: '2025-2026',
        name: 'Term 1',
        startDate: '2025-09-01',
        endDate: '2025-12-19',
      }),
    );
    const mark = async (subject: string, maxScore: number, weight: number, score: number) => {
      const a = ok(
        await s.api.createAssessment({
          classId: s.classId,
          termId: term.id,
          subject,
          name: `${subject} ${maxScore}`,
          maxScore,
          weight,
        }),
      );
      ok(await s.api.saveMarks({ assessmentId: a.id, entries: [{ studentId: s.ana, score }] }));
    };
    await mark('Maths', 20, 1, 10); // 50%
    await mark('Maths', 10, 3, 9); // 90%, three times the weight
    await mark('Art', 100, 1, 75);

    const model = retiredModel(s, 'forest');
    const history = s.db.prepare(
      `INSERT INTO risk_score_history (id, school_id, student_id, model_version_id, score, tier, scored_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    history.run(newId(), s.schoolId, s.ana, model, 0.7, 'high', '2025-10-10T08:00:00Z');
    history.run(newId(), s.schoolId, s.ana, model, 0.3, 'medium', '2025-10-01T08:00:00Z');

    const view = ok(await s.api.studentProfile({ studentId: s.ana }));
    expect(view.attendance).toEqual([
      { date: '2025-10-07', status: 'absent' },
      { date: '2025-10-08', status: 'present' },
      { date: '2025-10-09', status: 'late' },
    ]);
    const features = s.db
      .prepare(
        'SELECT attendance_rate_30d, attendance_rate FROM student_features WHERE student_id = ?',
      )
      .get(s.ana) as { attendance_rate_30d: number; attendance_rate: number };
    expect(view.attendanceRate30d).toBe(features.attendance_rate_30d);
    expect(view.attendanceRateYear).toBe(features.attendance_rate);
    expect(view.marks.map((m) => [m.termName, m.subject, m.assessments])).toEqual([
      ['Term 1', 'Art', 1],
      ['Term 1', 'Maths', 2],
    ]);
    expect(view.marks[1]?.average).toBeCloseTo((0.5 * 1 + 0.9 * 3) / 4, 10);
    expect(view.riskHistory.map((p) => [p.scoredAt, p.tier, p.modelKind])).toEqual([
      ['2025-10-01T08:00:00Z', 'medium', 'forest'],
      ['2025-10-10T08:00:00Z', 'high', 'forest'],
    ]);
    expect(view.riskHistory[0]?.modelVersionId).toBe(model);

    const bruno = ok(await s.api.studentProfile({ studentId: s.bruno }));
    expect(bruno.marks).toEqual([]);
    expect(bruno.riskHistory).toEqual([]);
  });

  it('ends the history with the percentage the score shows, however little it moved', async () => {
    const s = await school();
    const model = retiredModel(s, 'logistic');
    const save = (score: number, at: string) =>
      writeScores(
        s.db,
        s.schoolId,
        model,
        [{ studentId: s.ana, score, tier: 'low', factors: '[]' }],
        at,
      );
    // 8.6% shows as 9%; 8.4% as 8% (recorded, though it moved under half a point); 8.2% as 8%.
    save(0.086, '2025-10-01T08:00:00.000Z');
    save(0.084, '2025-10-01T08:00:00.100Z');
    save(0.082, '2025-10-01T08:00:00.200Z');
    const view = ok(await s.api.studentProfile({ studentId: s.ana }));
    expect(view.riskHistory.map((p) => p.score)).toEqual([0.086, 0.084]);
  });

  it('refuses a teacher for a student outside their classes, and an unknown student', async () => {
    const s = await school();
    const teacher = addUser(s.backend, s.schoolId, 'teacher', 'Tomas Teacher');
    expect(await teacher.api.studentProfile({ studentId: s.ana })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    ok(await s.api.editClass({ classId: s.classId, teacherId: teacher.id }));
    ok(await teacher.api.studentProfile({ studentId: s.ana }));
    expect(await s.api.studentProfile({ studentId: newId() })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect(await s.api.studentProfile({ studentId: 'nope' })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });
});
