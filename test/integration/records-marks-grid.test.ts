import { describe, expect, it } from 'vitest';
import { addClass, addStudents, addUser, countRows, ok, recordsSchool } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const s = await recordsSchool(tempDir());
  afterTest(() => s.backend.close());
  const [ana, bruno] = (await addStudents(s.api, ['Ana Silva', 'Bruno Costa'])) as [string, string];
  const classId = await addClass(s.api, '7A', [ana, bruno]);
  const test = (name: string, maxScore: number) =>
    s.api.createAssessment({ classId, subject: 'Maths', name, maxScore }).then((r) => ok(r).id);
  return {
    ...s,
    ana,
    bruno,
    classId,
    first: await test('Quiz', 10),
    second: await test('Exam', 20),
  };
}

describe('saving the marks grid', () => {
  it('saves several assessments in one request', async () => {
    const s = await school();
    const saved = ok(
      await s.api.saveMarksGrid({
        assessments: [
          {
            assessmentId: s.first,
            entries: [
              { studentId: s.ana, score: 7 },
              { studentId: s.bruno, score: 9.5 },
            ],
          },
          { assessmentId: s.second, entries: [{ studentId: s.ana, score: 18 }] },
        ],
      }),
    );
    expect(saved.map((x) => x.changed)).toEqual([2, 1]);
    const grid = ok(await s.api.openMarksGrid({ classId: s.classId }));
    expect(grid.students.find((r) => r.studentId === s.ana)?.scores).toEqual({
      [s.first]: 7,
      [s.second]: 18,
    });
  });

  it('writes nothing when one column holds a mark above its maximum', async () => {
    const s = await school();
    const answer = await s.api.saveMarksGrid({
      assessments: [
        { assessmentId: s.first, entries: [{ studentId: s.ana, score: 7 }] },
        { assessmentId: s.second, entries: [{ studentId: s.bruno, score: 25 }] },
      ],
    });
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(!answer.ok && answer.message).toMatch(/Bruno Costa/);
    expect(countRows(s.db, 'marks')).toBe(0);
  });

  it("refuses a teacher another class's assessment before writing any", async () => {
    const s = await school();
    const teacher = addUser(s.backend, s.schoolId, 'teacher', 'Tomas Teacher');
    const answer = await teacher.api.saveMarksGrid({
      assessments: [{ assessmentId: s.first, entries: [{ studentId: s.ana, score: 7 }] }],
    });
    expect(answer).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(countRows(s.db, 'marks')).toBe(0);
  });
});
