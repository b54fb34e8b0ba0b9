import { describe, expect, it } from 'vitest';
import { BeaconError, versionTime } from '../../db';
import { localKey } from '../../db/local-keys';
import { epochDay } from '../../main/backend/features/packed-attendance';
import { decodeChanges } from '../../main/backend/services/audit-changes';
import { isSchoolDay, schoolDaysBetween } from '../../main/backend/services/calendar';
import { saveRegister } from '../../main/backend/services/register';
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

async function school(): Promise<RecordsSchool & { students: string[]; classId: string }> {
  const s = await recordsSchool(tempDir());
  afterTest(() => s.backend.close());
  const students = await addStudents(s.api, ['Ana Silva', 'Bruno Costa', 'Carla Dias']);
  const classId = await addClass(s.api, '7A', students);
  return { ...s, students, classId };
}

const attendanceFor = (s: RecordsSchool, date: string) =>
  s.db
    .prepare(
      'SELECT student_id, status, minutes_late, note FROM attendance WHERE date = ? ORDER BY student_id',
    )
    .all(date);

describe('the attendance register', () => {
  it('opens a school day with every enrolled student, and shows what was saved before', async () => {
    const s = await school();
    const empty = ok(await s.api.openRegister({ classId: s.classId, date: '2025-10-07' }));
    expect(empty.className).toBe('7A');
    expect(empty.entries.map((e) => `${e.firstName} ${e.lastName}`)).toEqual([
      'Bruno Costa',
      'Carla Dias',
      'Ana Silva',
    ]);
    expect(empty.entries.every((e) => e.status === null)).toBe(true);

    const [ana, bruno, carla] = s.students as [string, string, string];
    const saved = ok(
      await s.api.saveRegister({
        classId: s.classId,
        date: '2025-10-07',
        entries: [
          { studentId: ana, status: 'present' },
          { studentId: bruno, status: 'late', minutesLate: 12, note: ' bus ' },
          { studentId: carla, status: 'absent' },
        ],
      }),
    );
    expect(saved).toMatchObject({
      classId: s.classId,
      date: '2025-10-07',
      changed: 3,
      unchanged: 0,
    });
    const reopened = ok(await s.api.openRegister({ classId: s.classId, date: '2025-10-07' }));
    // The save answers the day as saved, as reopening it reads it.
    expect(saved.register).toEqual(reopened);
    expect(reopened.entries.find((e) => e.studentId === bruno)).toMatchObject({
      status: 'late',
      minutesLate: 12,
      note: 'bus',
    });
    expect(reopened.entries.find((e) => e.studentId === carla)?.status).toBe('absent');
  });

  it('refuses dates that are not school days, saying what they are', async () => {
    const s = await school();
    const holiday = await s.api.openRegister({ classId: s.classId, date: '2025-10-06' });
    expect(holiday).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '2025-10-06 is not a school day: it is a holiday (Republic Day).',
    });
    const sunday = await s.api.saveRegister({
      classId: s.classId,
      date: '2025-10-12',
      entries: [{ studentId: s.students[0] as string, status: 'present' }],
    });
    expect(sunday).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message:
        '2025-10-12 is not a school day: the school calendar has nothing set for that Sunday.',
    });
    expect(countRows(s.db, 'attendance')).toBe(0);
  });

  it('refuses invalid input, unknown classes and impossible dates', async () => {
    const s = await school();
    const ana = s.students[0] as string;
    const bad = await s.api.saveRegister({
      classId: s.classId,
      date: '2025-10-07',
      entries: [{ studentId: ana, status: 'asleep' as 'present' }],
    });
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(!bad.ok && bad.message).toMatch(/entries\.0\.status/);
    const impossible = await s.api.openRegister({ classId: s.classId, date: '2025-02-30' });
    expect(!impossible.ok && impossible.message).toMatch(/date: is not a real calendar date/);
    const unknown = await s.api.openRegister({
      classId: '0190b7f4-0000-7000-8000-000000000000',
      date: '2025-10-07',
    });
    expect(unknown).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const noEntries = await s.api.saveRegister({
      classId: s.classId,
      date: '2025-10-07',
      entries: [],
    });
    expect(noEntries).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('refuses a student not enrolled that day, naming them, and writes nothing', async () => {
    const s = await school();
    const [outsider] = await addStudents(s.api, ['Duarte Reis'], 'X');
    const [ana, bruno] = s.students as [string, string];
    const before = countRows(s.db, 'audit_log');
    const refused = await s.api.saveRegister({
      classId: s.classId,
      date: '2025-10-07',
      entries: [
        { studentId: ana, status: 'present' },
        { studentId: outsider as string, status: 'present' },
        { studentId: bruno, status: 'present' },
      ],
    });
    expect(refused).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: 'Not enrolled in 7A on 2025-10-07: Duarte Reis (X1).',
    });
    expect(countRows(s.db, 'attendance')).toBe(0);
    expect(countRows(s.db, 'audit_log')).toBe(before);
  });

  it('leaves the day as it was when one row of a save is bad', async () => {
    const s = await school();
    const [ana, bruno, carla] = s.students as [string, string, string];
    const first = [
      { studentId: ana, status: 'present' as const },
      { studentId: bruno, status: 'present' as const },
      { studentId: carla, status: 'present' as const },
    ];
    ok(await s.api.saveRegister({ classId: s.classId, date: '2025-10-08', entries: first }));
    const day = attendanceFor(s, '2025-10-08');
    const audit = countRows(s.db, 'audit_log');
    const outbox = countRows(s.db, 'sync_outbox');
    const refused = await s.api.saveRegister({
      classId: s.classId,
      date: '2025-10-08',
      entries: [
        { studentId: ana, status: 'absent' },
        { studentId: bruno, status: 'excused', minutesLate: 5 },
        { studentId: carla, status: 'absent' },
      ],
    });
    expect(refused).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: 'Bruno Costa (S2): minutes late are only for a late student, not excused.',
    });
    expect(attendanceFor(s, '2025-10-08')).toEqual(day);
    expect(countRows(s.db, 'audit_log')).toBe(audit);
    expect(countRows(s.db, 'sync_outbox')).toBe(outbox);
  });

  it('rolls back rows already written when the database refuses a later one', async () => {
    const s = await school();
    const [ana, bruno, carla] = s.students as [string, string, string];
    ok(
      await s.api.saveRegister({
        classId: s.classId,
        date: '2025-10-08',
        entries: [{ studentId: carla, status: 'present' }],
      }),
    );
    const day = attendanceFor(s, '2025-10-08');
    const audit = countRows(s.db, 'audit_log');
    const outbox = countRows(s.db, 'sync_outbox');
    // Stands in for a failure half-way through (a full disk, a constraint): Carla's row is the
    // last one written, after Ana's and Bruno's.
    s.db.exec(`CREATE TEMP TRIGGER refuse_carla BEFORE UPDATE ON attendance_days
      WHEN NEW.student_key = (SELECT key FROM local_keys WHERE id = '${carla}')
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const refused = await s.api.saveRegister({
      classId: s.classId,
      date: '2025-10-08',
      entries: [
        { studentId: ana, status: 'absent' },
        { studentId: bruno, status: 'absent' },
        { studentId: carla, status: 'absent' },
      ],
    });
    expect(refused.ok).toBe(false);
    expect(attendanceFor(s, '2025-10-08')).toEqual(day);
    expect(countRows(s.db, 'audit_log')).toBe(audit);
    expect(countRows(s.db, 'sync_outbox')).toBe(outbox);
  });

  it('edits a past day, auditing and queueing exactly the rows that changed', async () => {
    const s = await school();
    const [ana, bruno, carla] = s.students as [string, string, string];
    const entries = [
      { studentId: ana, status: 'present' as const },
      { studentId: bruno, status: 'present' as const },
      { studentId: carla, status: 'absent' as const },
    ];
    const audit0 = countRows(s.db, 'audit_log');
    ok(await s.api.saveRegister({ classId: s.classId, date: '2025-09-15', entries }));
    const audit = (since: number) =>
      s.db
        .prepare(
          `SELECT action, entity, entity_id, before, after, changes FROM audit_log
           WHERE rowid > ? ORDER BY rowid`,
        )
        .all(since) as {
        action: string;
        entity: string;
        entity_id: string | null;
        before: string | null;
        after: string | null;
        changes: string | null;
      }[];
    // One entry for the save, listing the three rows it created with their values.
    const created = audit(audit0);
    expect(created.map((a) => [a.action, a.entity, a.entity_id])).toEqual([
      ['update', 'attendance', null],
    ]);
    expect(JSON.parse(created[0]?.after ?? '{}')).toEqual({
      class_id: s.classId,
      date: '2025-09-15',
    });
    expect(decodeChanges(s.db, created[0]?.changes ?? null)).toEqual(
      entries.map((e) => ({
        entityId: `${e.studentId}/2025-09-15`,
        before: null,
        after: { class_id: s.classId, status: e.status },
      })),
    );
    const outbox0 = countRows(s.db, 'sync_outbox');
    const audit1 = s.db.prepare('SELECT max(rowid) FROM audit_log').pluck().get() as number;

    // Only Carla's row changes: one audit entry naming only what changed, one outbox entry.
    const edited = ok(
      await s.api.saveRegister({
        classId: s.classId,
        date: '2025-09-15',
        entries: [...entries.slice(0, 2), { studentId: carla, status: 'excused', note: 'doctor' }],
      }),
    );
    expect(edited).toMatchObject({ changed: 1, unchanged: 2 });
    const changes = audit(audit1);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ action: 'update', entity: 'attendance' });
    expect(decodeChanges(s.db, changes[0]?.changes ?? null)).toEqual([
      {
        entityId: `${carla}/2025-09-15`,
        before: { status: 'absent', note: null },
        after: { status: 'excused', note: 'doctor' },
      },
    ]);
    // The row edited earlier in the day is queued once, after everything else.
    expect(countRows(s.db, 'sync_outbox')).toBe(outbox0);
    const row = s.db
      .prepare('SELECT student_key, day, version FROM attendance WHERE student_id = ? AND date = ?')
      .get(carla, '2025-09-15') as { student_key: number; day: number; version: number };
    expect(row.version).toBeGreaterThan(0);
    const outbox = s.db
      .prepare('SELECT table_name, row_id, op FROM sync_outbox ORDER BY seq DESC LIMIT 1')
      .get();
    expect(outbox).toEqual({
      table_name: 'attendance',
      row_id: `${row.student_key}:${row.day}`,
      op: 'upsert',
    });

    // Saving the same register again changes nothing and leaves no trace.
    const again = ok(
      await s.api.saveRegister({
        classId: s.classId,
        date: '2025-09-15',
        entries: [...entries.slice(0, 2), { studentId: carla, status: 'excused', note: 'doctor' }],
      }),
    );
    expect(again).toMatchObject({ changed: 0, unchanged: 3 });
    expect(audit(audit1)).toHaveLength(1);
    expect(countRows(s.db, 'sync_outbox')).toBe(outbox0);
  });

  it('refreshes the saved students features and tells windows what changed', async () => {
    const s = await school();
    const events: unknown[] = [];
    s.api.on('dataChanged', (e) => events.push(e));
    const ana = s.students[0] as string;
    ok(
      await s.api.saveRegister({
        classId: s.classId,
        date: '2025-10-07',
        entries: [{ studentId: ana, status: 'absent' }],
      }),
    );
    expect(events).toEqual([{ entities: ['attendance', 'student_features', 'risk'] }]);
    const features = s.db
      .prepare('SELECT count(*) FROM student_features WHERE student_id = ?')
      .pluck()
      .get(ana);
    expect(features).toBe(1);
  });

  it('lists students on the register of the class they were in on each date', async () => {
    const s = await school();
    const ana = s.students[0] as string;
    const other = await addClass(s.api, '7B', []);
    const moved = ok(
      await s.api.enrolStudent({ studentId: ana, classId: other, startDate: '2025-10-01' }),
    );
    expect(moved.ended).toMatchObject({ className: '7A', endDate: '2025-09-30' });
    const sept = ok(await s.api.openRegister({ classId: s.classId, date: '2025-09-30' }));
    const oct = ok(await s.api.openRegister({ classId: s.classId, date: '2025-10-01' }));
    const octB = ok(await s.api.openRegister({ classId: other, date: '2025-10-01' }));
    expect(sept.entries.map((e) => e.studentId)).toContain(ana);
    expect(oct.entries.map((e) => e.studentId)).not.toContain(ana);
    expect(octB.entries.map((e) => e.studentId)).toEqual([ana]);
    const refused = await s.api.saveRegister({
      classId: s.classId,
      date: '2025-10-01',
      entries: [{ studentId: ana, status: 'present' }],
    });
    expect(!refused.ok && refused.message).toBe(
      'Not enrolled in 7A on 2025-10-01: Ana Silva (S1).',
    );
  });

  it('lets a teacher take their own class register and forbids another teacher', async () => {
    const s = await school();
    const own = addUser(s.backend, s.schoolId, 'teacher', 'Tomas Teacher');
    const other = addUser(s.backend, s.schoolId, 'teacher', 'Olga Other');
    ok(await s.api.editClass({ classId: s.classId, teacherId: own.id }));
    const entries = [{ studentId: s.students[0] as string, status: 'present' as const }];
    const date = '2025-10-09';
    ok(await own.api.openRegister({ classId: s.classId, date }));
    ok(await own.api.saveRegister({ classId: s.classId, date, entries }));
    const recordedBy = s.db
      .prepare('SELECT recorded_by FROM attendance WHERE date = ?')
      .pluck()
      .get(date);
    expect(recordedBy).toBe(own.id);
    expect(await other.api.openRegister({ classId: s.classId, date })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    const forbidden = await other.api.saveRegister({
      classId: s.classId,
      date,
      entries: [{ studentId: s.students[0] as string, status: 'absent' }],
    });
    expect(forbidden).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(s.db.prepare('SELECT status FROM attendance WHERE date = ?').pluck().get(date)).toBe(
      'present',
    );
  });

  it('says who saved each entry and when, so a second taker sees whose marks they change', async () => {
    const s = await school();
    const tomas = addUser(s.backend, s.schoolId, 'teacher', 'Tomas Teacher');
    const hana = addUser(s.backend, s.schoolId, 'head_teacher', 'Hana Head');
    ok(await s.api.editClass({ classId: s.classId, teacherId: tomas.id }));
    const [ana, bruno] = s.students as [string, string, string];
    const date = '2025-10-09';
    ok(
      await tomas.api.saveRegister({
        classId: s.classId,
        date,
        entries: [
          { studentId: ana, status: 'present' },
          { studentId: bruno, status: 'present' },
        ],
      }),
    );
    ok(
      await hana.api.saveRegister({
        classId: s.classId,
        date,
        entries: [{ studentId: bruno, status: 'absent' }],
      }),
    );
    const day = ok(await hana.api.openRegister({ classId: s.classId, date }));
    const by = (id: string) => day.entries.find((e) => e.studentId === id);
    expect(by(ana)).toMatchObject({ status: 'present', recordedBy: 'Tomas Teacher' });
    expect(by(bruno)).toMatchObject({ status: 'absent', recordedBy: 'Hana Head' });
    // The row's clock carries the wall time of its last change (db/clock.ts).
    const version = s.db
      .prepare('SELECT version FROM attendance WHERE student_id = ? AND date = ?')
      .pluck()
      .get(bruno, date) as number;
    expect(by(bruno)?.recordedAt).toBe(new Date(versionTime(version)).toISOString());
    const untaken = day.entries.filter((e) => e.status === null);
    expect(untaken).toHaveLength(1);
    expect(untaken[0]).toMatchObject({ recordedBy: null, recordedAt: null });
  });

  it('is a plain service the import can call, refusing bad data with a BeaconError', async () => {
    const s = await school();
    const actor = { schoolId: s.schoolId, userId: null };
    const ana = s.students[0] as string;
    expect(
      saveRegister(s.db, actor, {
        classId: s.classId,
        date: '2025-10-10',
        entries: [{ studentId: ana, status: 'late', minutesLate: 3 }],
      }),
    ).toMatchObject({ changed: 1 });
    // A row written without a class (as an import may) is claimed by the register that saves it.
    const bruno = s.students[1] as string;
    s.db
      .prepare(
        `INSERT INTO attendance_days (student_key, day, status, version)
         VALUES (?, ?, 0, 1)`,
      )
      .run(localKey(s.db, bruno), epochDay('2025-10-10'));
    expect(
      saveRegister(s.db, actor, {
        classId: s.classId,
        date: '2025-10-10',
        entries: [{ studentId: bruno, status: 'present' }],
      }),
    ).toMatchObject({ changed: 1 });
    expect(
      s.db
        .prepare('SELECT class_id FROM attendance WHERE student_id = ? AND date = ?')
        .pluck()
        .get(bruno, '2025-10-10'),
    ).toBe(s.classId);
    expect(() =>
      saveRegister(s.db, actor, {
        classId: s.classId,
        date: '2025-10-10',
        entries: [{ studentId: ana, status: 'late', minutesLate: -3 }],
      }),
    ).toThrow(BeaconError);
    expect(() =>
      saveRegister(s.db, actor, {
        classId: s.classId,
        date: '2025-10-10',
        entries: [
          { studentId: ana, status: 'present' },
          { studentId: ana, status: 'absent' },
        ],
      }),
    ).toThrow('Ana Silva (S1) is listed twice in the register.');
  });
});

describe('school days', () => {
  it('answers which dates are school days, for attendance rates', async () => {
    const s = await school();
    expect(isSchoolDay(s.db, s.schoolId, '2025-10-07')).toBe(true);
    expect(isSchoolDay(s.db, s.schoolId, '2025-10-06')).toBe(false);
    expect(isSchoolDay(s.db, s.schoolId, '2025-10-11')).toBe(false);
    expect(schoolDaysBetween(s.db, s.schoolId, '2025-10-03', '2025-10-08')).toEqual([
      '2025-10-03',
      '2025-10-07',
      '2025-10-08',
    ]);
  });
});
