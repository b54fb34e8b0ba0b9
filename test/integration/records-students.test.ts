import { describe, expect, it } from 'vitest';
import { BeaconError } from '../../db';
import {
  createStudent,
  editStudent,
  studentIdByNumber,
} from '../../main/backend/services/students';
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

describe('students', () => {
  it('creates a student with an audit and outbox entry, and reads them back', async () => {
    const s = await school();
    const audit = countRows(s.db, 'audit_log');
    const outbox = countRows(s.db, 'sync_outbox');
    const created = ok(
      await s.api.createStudent({
        studentNumber: ' S-001 ',
        firstName: 'Ana',
        lastName: 'Silva',
        sex: 'F',
        dateOfBirth: '2012-04-30',
        gradeLevel: 7,
        entryDate: '2024-09-02',
        ethnicity: 'Roma',
        lowIncome: true,
      }),
    );
    expect(created).toMatchObject({
      studentNumber: 'S-001',
      firstName: 'Ana',
      status: 'active',
      archivedAt: null,
      currentClass: null,
      protectedAttributes: { ethnicity: 'Roma', lowIncome: true },
      statusHistory: [],
      enrolments: [],
    });
    expect(countRows(s.db, 'audit_log')).toBe(audit + 1);
    expect(countRows(s.db, 'sync_outbox')).toBe(outbox + 1);
    expect(
      s.db
        .prepare('SELECT count(*) FROM student_features WHERE student_id = ?')
        .pluck()
        .get(created.id),
    ).toBe(1);
    const read = ok(await s.api.getStudent({ studentId: created.id }));
    expect(read).toEqual(created);
  });

  it('refuses invalid fields, naming each', async () => {
    const s = await school();
    const r = await s.api.createStudent({
      studentNumber: '',
      firstName: 'Ana',
      lastName: 'Silva',
      sex: 'Q' as 'F',
      dateOfBirth: '2012-02-30',
      gradeLevel: 14,
    });
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const message = r.ok ? '' : r.message;
    for (const field of ['studentNumber', 'sex', 'dateOfBirth', 'gradeLevel']) {
      expect(message).toContain(field);
    }
    const order = await s.api.createStudent({
      studentNumber: 'S1',
      firstName: 'Ana',
      lastName: 'Silva',
      dateOfBirth: '2012-04-30',
      entryDate: '2010-09-01',
    });
    expect(order).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: 'Entry date 2010-09-01 is before the date of birth 2012-04-30.',
    });
    expect(countRows(s.db, 'students')).toBe(0);
  });

  it('keeps student numbers unique within the school, naming who has the number', async () => {
    const s = await school();
    const [ana, bruno] = await addStudents(s.api, ['Ana Silva', 'Bruno Costa']);
    const dup = await s.api.createStudent({
      studentNumber: 'S1',
      firstName: 'Eva',
      lastName: 'Lima',
    });
    expect(dup).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: 'Student number S1 is already used by Ana Silva.',
    });
    ok(await s.api.archiveStudent({ studentId: ana as string, archived: true }));
    const edit = await s.api.editStudent({ studentId: bruno as string, studentNumber: 'S1' });
    expect(edit).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: 'Student number S1 is already used by Ana Silva (archived).',
    });
    // A student keeps their own number when other fields change.
    ok(await s.api.editStudent({ studentId: bruno as string, studentNumber: 'S2', gradeLevel: 8 }));
  });

  it('edits only the fields given, and an edit that changes nothing writes nothing', async () => {
    const s = await school();
    const [id] = (await addStudents(s.api, ['Ana Silva'])) as [string];
    const edited = ok(
      await s.api.editStudent({ studentId: id, lastName: 'Souza', sex: 'F', gradeLevel: 7 }),
    );
    expect(edited).toMatchObject({ firstName: 'Ana', lastName: 'Souza', sex: 'F', gradeLevel: 7 });
    const cleared = ok(await s.api.editStudent({ studentId: id, sex: null }));
    expect(cleared.sex).toBeNull();
    const audit = countRows(s.db, 'audit_log');
    ok(await s.api.editStudent({ studentId: id, lastName: 'Souza' }));
    expect(countRows(s.db, 'audit_log')).toBe(audit);
    expect(await s.api.editStudent({ studentId: unknownId, lastName: 'X' })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });

  it('archives and restores; lists hide archived students unless asked', async () => {
    const s = await school();
    const [ana] = (await addStudents(s.api, ['Ana Silva', 'Bruno Costa'])) as [string];
    const archived = ok(await s.api.archiveStudent({ studentId: ana, archived: true }));
    expect(archived.archivedAt).not.toBeNull();
    expect(ok(await s.api.listStudents({})).students.map((x) => x.firstName)).toEqual(['Bruno']);
    const all = ok(await s.api.listStudents({ includeArchived: true }));
    expect(all.total).toBe(2);
    const restored = ok(await s.api.archiveStudent({ studentId: ana, archived: false }));
    expect(restored.archivedAt).toBeNull();
    expect(ok(await s.api.listStudents({})).total).toBe(2);
  });

  it('searches by name or number, filters by class and status, and pages', async () => {
    const s = await school();
    const ids = await addStudents(s.api, [
      'Ana Silva',
      'Bruno Costa',
      'Carla Dias',
      'Duarte Silva',
      'Eva Lima',
    ]);
    const classId = await addClass(s.api, '7A', ids.slice(0, 3));
    const names = (page: { students: { firstName: string }[] }) =>
      page.students.map((x) => x.firstName);
    expect(names(ok(await s.api.listStudents({ search: 'silva' })))).toEqual(['Ana', 'Duarte']);
    expect(names(ok(await s.api.listStudents({ search: 'ana sil' })))).toEqual(['Ana']);
    expect(names(ok(await s.api.listStudents({ search: 'S5' })))).toEqual(['Eva']);
    expect(names(ok(await s.api.listStudents({ search: '%' })))).toEqual([]);
    const inClass = ok(await s.api.listStudents({ classId }));
    expect(inClass.total).toBe(3);
    expect(inClass.students[0]?.currentClass).toEqual({ id: classId, name: '7A' });
    expect(ok(await s.api.listStudents({ classId, onDate: '2025-08-31' })).total).toBe(0);
    const page = ok(await s.api.listStudents({ limit: 2, offset: 2 }));
    expect(page.total).toBe(5);
    expect(names(page)).toEqual(['Eva', 'Ana']); // by last name: Costa, Dias, Lima, Silva, Silva
    ok(
      await s.api.changeStudentStatus({
        studentId: ids[4] as string,
        status: 'dropped_out',
        effectiveDate: '2025-10-01',
      }),
    );
    expect(names(ok(await s.api.listStudents({ status: 'dropped_out' })))).toEqual(['Eva']);
    // Protected attributes are never in a listing.
    expect(Object.keys(page.students[0] ?? {})).not.toContain('protectedAttributes');
  });

  it('records transfers, dropouts and returns with their history, ending enrolments', async () => {
    const s = await school();
    const [ana] = (await addStudents(s.api, ['Ana Silva'])) as [string];
    const classId = await addClass(s.api, '7A', [ana]);
    const events: unknown[] = [];
    s.api.on('dataChanged', (e) => events.push(e));
    const transferred = ok(
      await s.api.changeStudentStatus({
        studentId: ana,
        status: 'transferred_out',
        effectiveDate: '2025-10-10',
        reason: 'Family moved to Porto',
      }),
    );
    expect(transferred.status).toBe('transferred_out');
    expect(transferred.enrolments).toMatchObject([{ classId, endDate: '2025-10-09' }]);
    expect(events).toHaveLength(1);
    const again = await s.api.changeStudentStatus({
      studentId: ana,
      status: 'dropped_out',
      effectiveDate: '2025-10-11',
    });
    expect(again).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: 'Ana Silva (S1) is already transferred out: record their return first.',
    });
    const early = await s.api.changeStudentStatus({
      studentId: ana,
      status: 'returned',
      effectiveDate: '2025-10-01',
    });
    expect(!early.ok && early.message).toBe(
      "2025-10-01 is before Ana Silva (S1)'s last status change (transferred out on 2025-10-10).",
    );
    const back = ok(
      await s.api.changeStudentStatus({
        studentId: ana,
        status: 'returned',
        effectiveDate: '2025-11-03',
        classId,
      }),
    );
    expect(back.status).toBe('active');
    expect(back.enrolments.map((e) => [e.startDate, e.endDate])).toEqual([
      ['2025-09-01', '2025-10-09'],
      ['2025-11-03', null],
    ]);
    const dropped = ok(
      await s.api.changeStudentStatus({
        studentId: ana,
        status: 'dropped_out',
        effectiveDate: '2025-11-20',
        reason: 'Stopped attending',
      }),
    );
    expect(dropped.status).toBe('dropped_out');
    expect(dropped.statusHistory.map((h) => [h.status, h.effectiveDate, h.reason])).toEqual([
      ['transferred_out', '2025-10-10', 'Family moved to Porto'],
      ['returned', '2025-11-03', null],
      ['dropped_out', '2025-11-20', 'Stopped attending'],
    ]);
    const active = await s.api.changeStudentStatus({
      studentId: ana,
      status: 'returned',
      effectiveDate: '2025-12-01',
    });
    expect(active.ok).toBe(true);
    const twice = await s.api.changeStudentStatus({
      studentId: ana,
      status: 'returned',
      effectiveDate: '2025-12-02',
    });
    expect(twice).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('shows protected attributes to staff only, and keeps teachers to their own students', async () => {
    const s = await school();
    const teacher = addUser(s.backend, s.schoolId, 'teacher', 'Tomas Teacher');
    const head = addUser(s.backend, s.schoolId, 'head_teacher', 'Helena Head');
    const [ana, bruno] = (await addStudents(s.api, ['Ana Silva', 'Bruno Costa'])) as [
      string,
      string,
    ];
    ok(await s.api.editStudent({ studentId: ana, ethnicity: 'Roma', lowIncome: false }));
    await addClass(s.api, '7A', [ana], teacher.id);
    await addClass(s.api, '7B', [bruno]);
    const seen = ok(await teacher.api.getStudent({ studentId: ana }));
    expect(seen.protectedAttributes).toBeNull();
    expect(ok(await head.api.getStudent({ studentId: ana })).protectedAttributes).toEqual({
      ethnicity: 'Roma',
      lowIncome: false,
    });
    expect(await teacher.api.getStudent({ studentId: bruno })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(ok(await teacher.api.listStudents({})).students.map((x) => x.id)).toEqual([ana]);
    expect(
      await teacher.api.createStudent({ studentNumber: 'T1', firstName: 'A', lastName: 'B' }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    ok(await head.api.createStudent({ studentNumber: 'H1', firstName: 'A', lastName: 'B' }));
    const author = s.db
      .prepare("SELECT user_id FROM audit_log WHERE entity = 'students' ORDER BY rowid DESC")
      .pluck()
      .get();
    expect(author).toBe(head.id);
  });

  it('validates inside the service, for callers that skip the dispatcher', async () => {
    const s = await school();
    const actor = { schoolId: s.schoolId, userId: null };
    const id = createStudent(s.db, actor, {
      studentNumber: 'D1',
      firstName: 'Di',
      lastName: 'Reto',
    });
    expect(typeof id).toBe('string');
    expect(studentIdByNumber(s.db, s.schoolId, ' D1 ')).toBe(id);
    expect(studentIdByNumber(s.db, s.schoolId, 'D9')).toBeNull();
    expect(() =>
      createStudent(s.db, actor, { studentNumber: 'D2', firstName: '  ', lastName: 'Reto' }),
    ).toThrow(/firstName: must not be empty/);
    expect(() =>
      createStudent(s.db, actor, { studentNumber: 'D1', firstName: 'X', lastName: 'Y' }),
    ).toThrow('Student number D1 is already used by Di Reto.');
    expect(() => editStudent(s.db, actor, { studentId: id, gradeLevel: 99 })).toThrow(BeaconError);
  });
});
