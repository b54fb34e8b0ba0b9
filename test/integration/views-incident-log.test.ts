import { describe, expect, it } from 'vitest';
import { addClass, addStudents, addUser, ok, recordsSchool } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const s = await recordsSchool(tempDir());
  afterTest(() => s.backend.close());
  const [ana, bruno] = (await addStudents(s.api, ['Ana Silva', 'Bruno Costa'])) as [string, string];
  const tomas = addUser(s.backend, s.schoolId, 'teacher', 'Tomas Teacher');
  const class7 = await addClass(s.api, '7A', [ana], tomas.id);
  await addClass(s.api, '7B', [bruno]);
  const log = (studentId: string, date: string, category: string, severity: 1 | 2 | 3) =>
    s.api.createIncident({ studentId, date, category, severity }).then(ok);
  await log(ana, '2025-10-01', 'Late homework', 1);
  await log(bruno, '2025-10-08', 'Fighting', 3);
  await log(ana, '2025-10-13', 'Disruption', 2);
  return { ...s, class7, tomas };
}

const categories = (list: { category: string }[]) => list.map((i) => i.category);

describe('the behaviour log', () => {
  it('lists incidents newest first with names and classes, filtered in the backend', async () => {
    const s = await school();
    const all = ok(await s.api.incidentLog({}));
    expect(categories(all)).toEqual(['Disruption', 'Fighting', 'Late homework']);
    expect(all[1]).toMatchObject({ studentName: 'Bruno Costa', className: '7B', severity: 3 });
    expect(categories(ok(await s.api.incidentLog({ classId: s.class7 })))).toEqual([
      'Disruption',
      'Late homework',
    ]);
    expect(categories(ok(await s.api.incidentLog({ severity: 3 })))).toEqual(['Fighting']);
    expect(
      categories(ok(await s.api.incidentLog({ from: '2025-10-02', to: '2025-10-10' }))),
    ).toEqual(['Fighting']);
    expect(categories(ok(await s.api.incidentLog({ limit: 1 })))).toEqual(['Disruption']);
  });

  it("shows a teacher their classes' incidents only and refuses bad filters", async () => {
    const s = await school();
    expect(categories(ok(await s.tomas.api.incidentLog({})))).toEqual([
      'Disruption',
      'Late homework',
    ]);
    expect(await s.api.incidentLog({ severity: 4 as never })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });
});
