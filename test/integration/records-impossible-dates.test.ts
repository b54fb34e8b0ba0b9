import { describe, expect, it } from 'vitest';
import { writeSetting } from '../../db/settings';
import {
  csvFile,
  importSchool,
  ok as okImport,
  reasons,
  tableCounts,
  addClass,
  addStudents,
  addUser,
  ok,
  recordsSchool,
  today,
} from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const s = await recordsSchool(tempDir());
  afterTest(() => s.backend.close());
  const [ana = ''] = await addStudents(s.api, ['Ana Lima']);
  const teacher = addUser(s.backend, s.schoolId, 'teacher', 'Tia Teacher');
  const classId = await addClass(s.api, '7A', [ana], teacher.id);
  return { ...s, ana, classId, teacher };
}

const incident = (studentId: string, date: string) => ({
  studentId,
  date,
  category: 'disruption',
  severity: 1 as const,
});

describe('dates that cannot be, through the services', () => {
  it('refuses incidents dated 9999-12-31 or 0000-01-01 by a teacher, and accepts tomorrow (the margin)', async () => {
    const s = await school();
    for (const date of ['9999-12-31', '2062-05-01', '0000-01-01', '1969-12-31']) {
      const r = await s.teacher.api.createIncident(incident(s.ana, date));
      expect(r, date).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        message: expect.stringContaining(`The incident date ${date} is `) as string,
        details: [{ path: ['date'] }],
      });
    }
    expect(s.db.prepare('SELECT count(*) FROM behaviour_incidents').pluck().get()).toBe(0);
    const tomorrow = ok(await s.teacher.api.createIncident(incident(s.ana, '2025-10-16')));
    expect(
      await s.teacher.api.editIncident({ incidentId: tomorrow.id, date: '2026-10-16' }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await s.api.createIncident(incident(s.ana, '2025-10-17'))).toMatchObject({
      ok: false,
      message:
        'The incident date 2025-10-17 is in the future: records may be dated up to 2025-10-16 (today is 2025-10-15).',
    });
  });

  it('takes the margin from the school setting', async () => {
    const s = await school();
    writeSetting(s.db, s.schoolId, 'records.futureMarginDays', 0);
    expect(await s.api.createIncident(incident(s.ana, '2025-10-16'))).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    writeSetting(s.db, s.schoolId, 'records.futureMarginDays', 7);
    ok(await s.api.createIncident(incident(s.ana, '2025-10-22')));
  });

  it('refuses a date of birth after today and an entry date in 2099', async () => {
    const s = await school();
    const born = await s.api.createStudent({
      studentNumber: 'S9',
      firstName: 'Bia',
      lastName: 'Reis',
      dateOfBirth: '2025-10-16',
    });
    expect(born).toMatchObject({ ok: false, details: [{ path: ['dateOfBirth'] }] });
    const entry = await s.api.editStudent({ studentId: s.ana, entryDate: '2099-09-01' });
    expect(entry).toMatchObject({ ok: false, details: [{ path: ['entryDate'] }] });
  });

  it('refuses a register for a school day in the future', async () => {
    const s = await school();
    const r = await s.teacher.api.saveRegister({
      classId: s.classId,
      date: '2025-10-20',
      entries: [{ studentId: s.ana, status: 'absent' }],
    });
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(s.db.prepare('SELECT count(*) FROM attendance').pluck().get()).toBe(0);
    expect(today).toBe('2025-10-15');
  });
});

describe('dates that cannot be, through the importer', () => {
  it('refuses a students file with births and entries in 2099, and changes nothing', async () => {
    const s = await importSchool(tempDir());
    afterTest(() => s.backend.close());
    const before = tableCounts(s.db);
    const file = csvFile(
      [
        'student_number,first_name,last_name,date_of_birth,entry_date',
        'S1,Ana,Lima,2099-01-01,2024-09-01',
        'S2,Beto,Dias,2012-01-01,2099-09-01',
      ].join('\n'),
    );
    const report = okImport(await s.api.runImport({ kind: 'students', file }));
    expect(report.outcome).toBe('refused');
    expect(reasons(report).join('\n')).toMatch(/2099-01-01 is in the future/);
    expect(reasons(report).join('\n')).toMatch(/2099-09-01 is in the future/);
    expect(tableCounts(s.db)).toEqual(before);
  });

  it('refuses incidents dated 2062', async () => {
    const s = await importSchool(tempDir());
    afterTest(() => s.backend.close());
    okImport(
      await s.api.runImport({
        kind: 'students',
        file: csvFile('student_number,first_name,last_name\nS1,Ana,Lima'),
      }),
    );
    const report = okImport(
      await s.api.runImport({
        kind: 'incidents',
        file: csvFile('student_number,date,category,severity\nS1,2062-03-01,fight,major'),
      }),
    );
    expect(report.outcome).toBe('refused');
    expect(reasons(report).join('\n')).toMatch(/2062-03-01 is in the future/);
  });
});

describe('a marks file and an assessment date', () => {
  it('says so when the file dates an existing assessment differently, instead of "unchanged"', async () => {
    const s = await importSchool(tempDir());
    afterTest(() => s.backend.close());
    s.db
      .prepare(
        "INSERT INTO classes (id, school_id, school_year, name) VALUES ('c7a', ?, '2025-2026', '7A')",
      )
      .run(s.schoolId);
    okImport(
      await s.api.runImport({
        kind: 'students',
        file: csvFile('student_number,first_name,last_name,class\nS1,Ana,Lima,7A'),
      }),
    );
    const dated = (date: string) =>
      csvFile(
        `student_number,class,subject,assessment,date,score,maximum\nS1,7A,Maths,Test 1,${date},14,20`,
      );
    expect(
      okImport(await s.api.runImport({ kind: 'marks', file: dated('2025-10-01') })).outcome,
    ).toBe('imported');
    const moved = okImport(await s.api.runImport({ kind: 'marks', file: dated('2025-10-08') }));
    expect(moved.outcome).toBe('refused');
    expect(reasons(moved)).toEqual([
      "2|date|Maths / Test 1 is dated 2025-10-01 in Beacon, not 2025-10-08; change its date in Beacon's marks screen",
    ]);
    const future = okImport(await s.api.runImport({ kind: 'marks', file: dated('2099-06-01') }));
    expect(reasons(future)).toEqual([
      '2|date|2099-06-01 is in the future: records may be dated up to 2025-10-16 (today is 2025-10-15)',
    ]);
  });
});
