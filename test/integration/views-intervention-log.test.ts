import { describe, expect, it } from 'vitest';
import { addClass, addStudents, addUser, ok, recordsSchool } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const s = await recordsSchool(tempDir());
  afterTest(() => s.backend.close());
  const [ana, bruno] = (await addStudents(s.api, ['Ana Silva', 'Bruno Costa'])) as [string, string];
  const hana = addUser(s.backend, s.schoolId, 'head_teacher', 'Hana Head');
  const tomas = addUser(s.backend, s.schoolId, 'teacher', 'Tomas Teacher');
  await addClass(s.api, '7A', [ana], tomas.id);
  await addClass(s.api, '7B', [bruno]);
  const plan = (studentId: string, type: string, ownerId: string, reviewDate: string | null) =>
    s.api
      .createIntervention({ studentId, type, ownerId, startDate: '2025-10-01', reviewDate })
      .then(ok);
  await plan(ana, 'Mentoring', hana.id, '2025-10-20');
  await plan(bruno, 'Home visit', hana.id, '2025-10-10');
  const done = await plan(bruno, 'Tutoring', tomas.id, null);
  ok(await s.api.editIntervention({ interventionId: done.id, status: 'completed' }));
  return { ...s, hana, tomas };
}

const types = (list: { type: string }[]) => list.map((i) => i.type);

describe('the interventions log', () => {
  it('lists by review date (none last), filtered by owner, status and due date', async () => {
    const s = await school();
    expect(types(ok(await s.hana.api.interventionLog({})))).toEqual([
      'Home visit',
      'Mentoring',
      'Tutoring',
    ]);
    expect(types(ok(await s.hana.api.interventionLog({ mine: true })))).toEqual([
      'Home visit',
      'Mentoring',
    ]);
    expect(types(ok(await s.hana.api.interventionLog({ dueBy: '2025-10-15' })))).toEqual([
      'Home visit',
    ]);
    expect(types(ok(await s.hana.api.interventionLog({ status: 'completed' })))).toEqual([
      'Tutoring',
    ]);
    const first = ok(await s.hana.api.interventionLog({}))[0];
    expect(first).toMatchObject({ studentName: 'Bruno Costa', ownerName: 'Hana Head' });
  });

  it("shows a teacher what they own and their students' interventions only", async () => {
    const s = await school();
    expect(types(ok(await s.tomas.api.interventionLog({})))).toEqual(['Mentoring', 'Tutoring']);
    expect(types(ok(await s.tomas.api.interventionLog({ mine: true })))).toEqual(['Tutoring']);
    expect(await s.tomas.api.interventionLog({ dueBy: 'soon' })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });
});
