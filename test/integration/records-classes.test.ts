import { describe, expect, it } from 'vitest';
import { enrolStudent } from '../../main/backend/services/enrolments';
import {
  addClass,
  addStudents,
  addUser,
  countRows,
  ok,
  recordsSchool,
  type RecordsSchool,
} from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school(): Promise<RecordsSchool> {
  const s = await recordsSchool(tempDir());
  afterTest(() => s.backend.close());
  return s;
}

const unknownId = '0190b7f4-0000-7000-8000-000000000000';

describe('terms', () => {
  it('creates terms within the school year, refusing overlaps, duplicates and strays', async () => {
    const s = await school();
    const autumn = ok(
      await s.api.createTerm({
        schoolYear: '2025-2026',
        name: 'Term 1',
        startDate: '2025-09-01',
        endDate: '2025-12-19',
      }),
    );
    ok(
      await s.api.createTerm({
        schoolYear: '2025-2026',
        name: 'Term 2',
        startDate: '2026-01-05',
        endDate: '2026-03-27',
      }),
    );
    expect(ok(await s.api.listTerms({ schoolYear: '2025-2026' })).map((t) => t.name)).toEqual([
      'Term 1',
      'Term 2',
    ]);
    const overlap = await s.api.createTerm({
      schoolYear: '2025-2026',
      name: 'Term 3',
      startDate: '2026-03-20',
      endDate: '2026-06-30',
    });
    expect(overlap).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: 'Term Term 3 overlaps Term 2 (2026-01-05 to 2026-03-27).',
    });
    const stray = await s.api.createTerm({
      schoolYear: '2025-2026',
      name: 'Summer',
      startDate: '2026-08-01',
      endDate: '2026-09-15',
    });
    expect(!stray.ok && stray.message).toBe(
      'Term Summer (2026-08-01 to 2026-09-15) is outside the school year 2025-2026 (2025-09-01 to 2026-08-31).',
    );
    const duplicate = await s.api.editTerm({ termId: autumn.id, name: 'Term 2' });
    expect(duplicate).toMatchObject({ ok: false, code: 'CONFLICT' });
    const backwards = await s.api.editTerm({ termId: autumn.id, endDate: '2025-08-01' });
    expect(backwards).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const year = await s.api.createTerm({
      schoolYear: '2025-2027',
      name: 'X',
      startDate: '2025-09-01',
      endDate: '2025-12-01',
    });
    expect(!year.ok && year.message).toMatch(/schoolYear: must be two consecutive years/);
    expect(ok(await s.api.editTerm({ termId: autumn.id, endDate: '2025-12-18' })).endDate).toBe(
      '2025-12-18',
    );
    expect(await s.api.editTerm({ termId: unknownId, name: 'X' })).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('classes', () => {
  it('creates classes with a teacher, unique by name within a year', async () => {
    const s = await school();
    const teacher = addUser(s.backend, s.schoolId, 'teacher', 'Tomas Teacher');
    const cls = ok(
      await s.api.createClass({
        schoolYear: '2025-2026',
        name: '7A',
        gradeLevel: 7,
        teacherId: teacher.id,
      }),
    );
    expect(cls).toMatchObject({ name: '7A', teacherName: 'Tomas Teacher', enrolledCount: 0 });
    expect(await s.api.createClass({ schoolYear: '2025-2026', name: '7A' })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: 'There is already a class 7A in 2025-2026.',
    });
    ok(await s.api.createClass({ schoolYear: '2026-2027', name: '7A' }));
    expect(
      await s.api.createClass({ schoolYear: '2025-2026', name: '7C', teacherId: unknownId }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const renamed = ok(
      await s.api.editClass({ classId: cls.id, name: '7A-North', teacherId: null }),
    );
    expect(renamed).toMatchObject({ name: '7A-North', teacherId: null, teacherName: null });
  });

  it('lists a teacher only their own classes', async () => {
    const s = await school();
    const teacher = addUser(s.backend, s.schoolId, 'teacher', 'Tomas Teacher');
    const [ana] = (await addStudents(s.api, ['Ana Silva'])) as [string];
    await addClass(s.api, '7A', [ana], teacher.id);
    await addClass(s.api, '7B', []);
    const all = ok(await s.api.listClasses({ schoolYear: '2025-2026' }));
    expect(all.map((c) => [c.name, c.enrolledCount])).toEqual([
      ['7A', 1],
      ['7B', 0],
    ]);
    expect(ok(await teacher.api.listClasses({})).map((c) => c.name)).toEqual(['7A']);
    expect(await teacher.api.createClass({ schoolYear: '2025-2026', name: '7Z' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });
});

describe('enrolments', () => {
  it('moves a student between classes keeping the history', async () => {
    const s = await school();
    const [ana] = (await addStudents(s.api, ['Ana Silva'])) as [string];
    const a = await addClass(s.api, '7A', [ana]);
    const b = await addClass(s.api, '7B', []);
    const audit = countRows(s.db, 'audit_log');
    const moved = ok(
      await s.api.enrolStudent({ studentId: ana, classId: b, startDate: '2025-11-03' }),
    );
    expect(moved.replaced).toBe(false);
    expect(moved.ended).toMatchObject({
      classId: a,
      startDate: '2025-09-01',
      endDate: '2025-11-02',
    });
    expect(moved.enrolment).toMatchObject({ classId: b, startDate: '2025-11-03', endDate: null });
    // One audit entry for ending the old enrolment, one for the new one.
    expect(countRows(s.db, 'audit_log')).toBe(audit + 2);
    const student = ok(await s.api.getStudent({ studentId: ana }));
    expect(student.enrolments.map((e) => [e.className, e.startDate, e.endDate])).toEqual([
      ['7A', '2025-09-01', '2025-11-02'],
      ['7B', '2025-11-03', null],
    ]);
    expect(student.currentClass).toEqual({ id: a, name: '7A' }); // today is 2025-10-15
    expect(ok(await s.api.listStudents({ classId: b, onDate: '2025-11-03' })).total).toBe(1);
  });

  it('replaces an enrolment that starts on the same day, and refuses impossible ones', async () => {
    const s = await school();
    const [ana, bruno] = (await addStudents(s.api, ['Ana Silva', 'Bruno Costa'])) as [
      string,
      string,
    ];
    const a = await addClass(s.api, '7A', [ana]);
    const b = await addClass(s.api, '7B', []);
    const fixed = ok(
      await s.api.enrolStudent({ studentId: ana, classId: b, startDate: '2025-09-01' }),
    );
    expect(fixed).toMatchObject({ ended: { classId: a }, replaced: true });
    expect(ok(await s.api.getStudent({ studentId: ana })).enrolments).toHaveLength(1);

    const same = await s.api.enrolStudent({ studentId: ana, classId: b, startDate: '2025-10-01' });
    expect(same).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: 'Ana Silva (S1) is already enrolled in 7B since 2025-09-01.',
    });
    const earlier = await s.api.enrolStudent({
      studentId: ana,
      classId: a,
      startDate: '2025-08-01',
    });
    expect(!earlier.ok && earlier.message).toBe(
      "2025-08-01 is outside 7A's school year 2025-2026 (2025-09-01 to 2026-08-31).",
    );
    ok(await s.api.enrolStudent({ studentId: bruno, classId: a, startDate: '2025-10-01' }));
    const before = await s.api.enrolStudent({
      studentId: bruno,
      classId: b,
      startDate: '2025-09-15',
    });
    expect(before).toMatchObject({ ok: false, code: 'CONFLICT' });
    ok(
      await s.api.changeStudentStatus({
        studentId: bruno,
        status: 'dropped_out',
        effectiveDate: '2025-10-10',
      }),
    );
    const gone = await s.api.enrolStudent({
      studentId: bruno,
      classId: b,
      startDate: '2025-10-20',
    });
    expect(!gone.ok && gone.message).toBe(
      'Bruno Costa (S2) is not an active student (dropped out): record their return first.',
    );
    expect(
      await s.api.enrolStudent({ studentId: unknownId, classId: b, startDate: '2025-10-20' }),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('ends an enrolment on a date, and the service refuses an end before the start', async () => {
    const s = await school();
    const [ana] = (await addStudents(s.api, ['Ana Silva'])) as [string];
    const a = await addClass(s.api, '7A', []);
    const actor = { schoolId: s.schoolId, userId: null };
    const { enrolment } = enrolStudent(s.db, actor, {
      studentId: ana,
      classId: a,
      startDate: '2025-09-08',
    });
    expect(
      await s.api.endEnrolment({ enrolmentId: enrolment.id, endDate: '2025-09-01' }),
    ).toMatchObject({
      ok: false,
      message: "The end date 2025-09-01 is before the enrolment's start 2025-09-08.",
    });
    const ended = ok(
      await s.api.endEnrolment({ enrolmentId: enrolment.id, endDate: '2025-12-19' }),
    );
    expect(ended.endDate).toBe('2025-12-19');
  });
});
