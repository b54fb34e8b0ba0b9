import { describe, expect, it } from 'vitest';
import { inProcessApi } from '../../main/backend/transport/in-process';
import { writeSetting } from '../../db/settings';
import { seedUser, seededSchool } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

const minute = 60_000;

/** A seeded school with a movable clock, and a head teacher signed in through a real sign-in. */
async function school() {
  let clock = Date.parse('2025-10-15T08:00:00.000Z');
  const s = await seededSchool(tempDir(), undefined, () => clock);
  afterTest(() => s.backend.close());
  const head = await seedUser(s.backend, s.schoolId, {
    username: 'hana',
    role: 'head_teacher',
    password: 'hana password 1',
  });
  const api = inProcessApi(s.backend);
  const signed = await api.signIn({ username: 'hana', password: 'hana password 1' });
  if (!signed.ok) throw new Error(signed.message);
  return { ...s, head, api, advance: (ms: number) => (clock += ms) };
}

const student = { studentNumber: 'S1', firstName: 'Ana', lastName: 'Lima' };

describe('sessions follow the account as it is now', () => {
  it('a head teacher demoted to teacher can no longer export records or read the audit log', async () => {
    const s = await school();
    expect(await s.api.exportRecords({ kind: 'students' })).toMatchObject({ ok: true });
    expect(await s.admin.updateUser({ id: s.head.id, role: 'teacher' })).toMatchObject({
      ok: true,
    });
    expect(await s.api.exportRecords({ kind: 'students' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await s.api.listAuditLog({})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await s.api.currentUser({})).toMatchObject({ ok: true, value: { role: 'teacher' } });
  });

  it('a disabled account can no longer create students, and its session is over', async () => {
    const s = await school();
    expect(await s.admin.updateUser({ id: s.head.id, disabled: true })).toMatchObject({ ok: true });
    expect(await s.api.createStudent(student)).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
      details: { reason: 'disabled' },
    });
    // Enabling the account again does not bring the session back.
    expect(await s.admin.updateUser({ id: s.head.id, disabled: false })).toMatchObject({
      ok: true,
    });
    expect(await s.api.createStudent(student)).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    });
    expect(await s.api.currentUser({})).toEqual({ ok: true, value: null });
  });

  it('a password reset by an administrator ends the sessions opened with the old password', async () => {
    const s = await school();
    expect(await s.api.createStudent(student)).toMatchObject({ ok: true });
    const reset = await s.admin.resetPassword({ id: s.head.id, newPassword: 'a new password 2' });
    expect(reset).toMatchObject({ ok: true });
    expect(await s.api.createStudent({ ...student, studentNumber: 'S2' })).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
      details: { reason: 'password_changed' },
    });
    expect(await s.api.signIn({ username: 'hana', password: 'a new password 2' })).toMatchObject({
      ok: true,
    });
    expect(await s.api.createStudent({ ...student, studentNumber: 'S2' })).toMatchObject({
      ok: true,
    });
  });

  it('changing your own password keeps this session and ends the others', async () => {
    const s = await school();
    const other = inProcessApi(s.backend);
    expect(await other.signIn({ username: 'hana', password: 'hana password 1' })).toMatchObject({
      ok: true,
    });
    expect(
      await s.api.changePassword({
        currentPassword: 'hana password 1',
        newPassword: 'a new password 2',
      }),
    ).toMatchObject({ ok: true });
    expect(await s.api.listStudents({})).toMatchObject({ ok: true });
    expect(await other.listStudents({})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('ends a session idle longer than the idle lifetime (a setting), and any after the absolute one', async () => {
    const s = await school();
    s.advance(59 * minute);
    expect(await s.api.listStudents({})).toMatchObject({ ok: true });
    s.advance(61 * minute);
    expect(await s.api.listStudents({})).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
      details: { reason: 'idle' },
    });

    writeSetting(s.backend.context.db, s.schoolId, 'session.lifetimes', {
      idleMinutes: 10,
      absoluteHours: 1,
    });
    expect(await s.api.signIn({ username: 'hana', password: 'hana password 1' })).toMatchObject({
      ok: true,
    });
    s.advance(11 * minute);
    expect(await s.api.listStudents({})).toMatchObject({ details: { reason: 'idle' } });
    expect(await s.api.signIn({ username: 'hana', password: 'hana password 1' })).toMatchObject({
      ok: true,
    });
    for (let i = 0; i < 6; i++) {
      s.advance(9 * minute);
      expect(await s.api.listStudents({})).toMatchObject({ ok: true });
    }
    s.advance(9 * minute);
    expect(await s.api.listStudents({})).toMatchObject({ details: { reason: 'expired' } });
  });

  it('admins read and set the lifetimes and the date margin; others may not', async () => {
    const s = await school();
    expect(await s.admin.getSafeguards({})).toEqual({
      ok: true,
      value: { idleMinutes: 60, absoluteHours: 12, futureMarginDays: 1 },
    });
    const saved = await s.admin.saveSafeguards({
      idleMinutes: 15,
      absoluteHours: 8,
      futureMarginDays: 0,
    });
    expect(saved).toEqual({
      ok: true,
      value: { idleMinutes: 15, absoluteHours: 8, futureMarginDays: 0 },
    });
    expect(
      await s.admin.saveSafeguards({ idleMinutes: 0, absoluteHours: 8, futureMarginDays: 0 }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await s.api.getSafeguards({})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    s.advance(16 * minute);
    expect(await s.api.listStudents({})).toMatchObject({ details: { reason: 'idle' } });
  });
});
