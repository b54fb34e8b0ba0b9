import { describe, expect, it } from 'vitest';
import { inProcessApi } from '../../main/backend/transport/in-process';
import { adminPassword, apiAs, seedUser, seededSchool } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const s = await seededSchool(tempDir());
  afterTest(() => s.backend.close());
  const teacher = await seedUser(s.backend, s.schoolId, { username: 'tess', role: 'teacher' });
  const head = await seedUser(s.backend, s.schoolId, { username: 'hana', role: 'head_teacher' });
  return {
    ...s,
    db: s.backend.context.db,
    teacher,
    head,
    asTeacher: apiAs(s.backend, teacher),
    asHead: apiAs(s.backend, head),
    signedOut: inProcessApi(s.backend),
  };
}

const newTeacher = {
  username: 'Maria.Silva',
  displayName: 'Maria Silva',
  role: 'teacher' as const,
  password: 'maria password',
};

describe('who may do what', () => {
  it('refuses a teacher and a head teacher account management (FORBIDDEN)', async () => {
    const s = await school();
    for (const api of [s.asTeacher, s.asHead]) {
      expect(await api.createUser(newTeacher)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await api.listUsers({})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await api.unlockUser({ id: s.adminId })).toMatchObject({ code: 'FORBIDDEN' });
      expect(
        await api.resetPassword({ id: s.adminId, newPassword: 'taken over 123' }),
      ).toMatchObject({ code: 'FORBIDDEN' });
      expect(await api.updateUser({ id: s.adminId, disabled: true })).toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    expect(await s.asTeacher.createUser(newTeacher)).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: 'Your role (teacher) does not allow this.',
    });
    expect(s.db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(3);
  });

  it('asks a signed-out caller to sign in (UNAUTHENTICATED) for anything but public requests', async () => {
    const s = await school();
    const api = s.signedOut;
    for (const answer of [
      await api.createUser(newTeacher),
      await api.listUsers({}),
      await api.changePassword({ currentPassword: 'x', newPassword: 'new password 1' }),
      await api.listAuditLog({}),
      await api.exportAuditLog({}),
      await api.saveSchoolProfile({ name: 'Hijacked' }),
    ]) {
      expect(answer).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    }
    expect(await api.health({})).toMatchObject({ ok: true });
    expect(await api.getSchool({})).toMatchObject({ ok: true });
    expect(await api.setupStatus({})).toMatchObject({ ok: true, value: { needsSetup: false } });
  });

  it('lets admins and head teachers edit the school profile, not teachers, and records who', async () => {
    const s = await school();
    expect(await s.asTeacher.saveSchoolProfile({ name: 'X' })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await s.asHead.saveSchoolProfile({ name: 'Hillside High' })).toMatchObject({
      ok: true,
    });
    const who = s.db
      .prepare(
        "SELECT user_id FROM audit_log WHERE entity = 'schools' AND action = 'update' ORDER BY id DESC",
      )
      .pluck()
      .get();
    expect(who).toBe(s.head.id);
  });

  it('lets the head teacher and admin read the audit log, not a teacher', async () => {
    const s = await school();
    expect(await s.asTeacher.listAuditLog({})).toMatchObject({ code: 'FORBIDDEN' });
    expect(await s.asTeacher.exportAuditLog({})).toMatchObject({ code: 'FORBIDDEN' });
    expect(await s.asHead.listAuditLog({})).toMatchObject({ ok: true });
    expect(await s.admin.listAuditLog({})).toMatchObject({ ok: true });
  });
});

describe('account management', () => {
  it('creates an account that can sign in, with a lower-case username', async () => {
    const s = await school();
    const created = await s.admin.createUser(newTeacher);
    expect(created).toMatchObject({
      ok: true,
      value: {
        username: 'maria.silva',
        displayName: 'Maria Silva',
        role: 'teacher',
        disabled: false,
        lockedUntil: null,
        failedLogins: 0,
      },
    });
    expect(JSON.stringify(created)).not.toMatch(/scrypt|password/i);
    const api = inProcessApi(s.backend);
    expect(await api.signIn({ username: 'MARIA.SILVA', password: 'maria password' })).toMatchObject(
      { ok: true, value: { role: 'teacher' } },
    );
    const entry = s.db
      .prepare(
        "SELECT user_id, after FROM audit_log WHERE entity = 'users' AND action = 'create' ORDER BY id DESC",
      )
      .get() as { user_id: string; after: string };
    expect(entry.user_id).toBe(s.adminId);
    expect(JSON.parse(entry.after)).toMatchObject({ username: 'maria.silva' });
  });

  it('refuses a taken username, a bad username and a short password, naming the field', async () => {
    const s = await school();
    expect(await s.admin.createUser({ ...newTeacher, username: 'TESS' })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: 'The username tess is already used by tess.',
    });
    expect(await s.admin.createUser({ ...newTeacher, username: 'maria silva' })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      details: [{ path: ['username'] }],
    });
    expect(await s.admin.createUser({ ...newTeacher, password: 'short' })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: 'Invalid input: password: must be at least 10 characters long',
    });
    expect(await s.admin.createUser({ ...newTeacher, role: 'janitor' as 'teacher' })).toMatchObject(
      { ok: false, code: 'INVALID_INPUT' },
    );
    expect(s.db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(3);
  });

  it('changes name and role, disables and enables; a disabled account cannot sign in', async () => {
    const s = await school();
    const api = inProcessApi(s.backend);
    const updated = await s.admin.updateUser({
      id: s.teacher.id,
      displayName: 'Tess Okafor',
      role: 'head_teacher',
    });
    expect(updated).toMatchObject({
      ok: true,
      value: { displayName: 'Tess Okafor', role: 'head_teacher' },
    });
    expect(await s.admin.updateUser({ id: s.teacher.id, disabled: true })).toMatchObject({
      ok: true,
      value: { disabled: true },
    });
    expect(await api.signIn({ username: 'tess', password: 'seeded password' })).toMatchObject({
      ok: false,
      details: { reason: 'disabled' },
    });
    await s.admin.updateUser({ id: s.teacher.id, disabled: false });
    expect(await api.signIn({ username: 'tess', password: 'seeded password' })).toMatchObject({
      ok: true,
      value: { displayName: 'Tess Okafor', role: 'head_teacher' },
    });
    expect(await s.admin.updateUser({ id: s.teacher.id })).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('always keeps one active administrator', async () => {
    const s = await school();
    expect(await s.admin.updateUser({ id: s.adminId, role: 'teacher' })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message:
        'Ada Admin is the only active administrator: make someone else an administrator first.',
    });
    expect(await s.admin.updateUser({ id: s.adminId, disabled: true })).toMatchObject({
      code: 'CONFLICT',
    });
    await s.admin.updateUser({ id: s.head.id, role: 'admin' });
    expect(await s.admin.updateUser({ id: s.adminId, role: 'teacher' })).toMatchObject({
      ok: true,
    });
  });

  it('answers NOT_FOUND for an account that does not exist', async () => {
    const s = await school();
    const id = '01950000-0000-7000-8000-000000000000';
    expect(await s.admin.unlockUser({ id })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      message: `There is no account with id ${id}.`,
    });
  });

  it('changes your own password only with the current one', async () => {
    const s = await school();
    const wrong = await s.asTeacher.changePassword({
      currentPassword: 'not it at all',
      newPassword: 'brand new password',
    });
    expect(wrong).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      details: [{ path: ['currentPassword'], message: 'is not your current password' }],
    });
    expect(
      await s.asTeacher.changePassword({
        currentPassword: 'seeded password',
        newPassword: 'seeded password',
      }),
    ).toMatchObject({ ok: false, details: [{ path: ['newPassword'] }] });
    expect(
      await s.asTeacher.changePassword({
        currentPassword: 'seeded password',
        newPassword: 'brand new password',
      }),
    ).toEqual({ ok: true, value: null });
    const api = inProcessApi(s.backend);
    expect(await api.signIn({ username: 'tess', password: 'seeded password' })).toMatchObject({
      ok: false,
    });
    expect(await api.signIn({ username: 'tess', password: 'brand new password' })).toMatchObject({
      ok: true,
    });
  });

  it('lets an administrator reset a password, which also lifts a lockout', async () => {
    const s = await school();
    const api = inProcessApi(s.backend);
    for (let i = 0; i < 5; i++) await api.signIn({ username: 'tess', password: 'guess guess' });
    const reset = await s.admin.resetPassword({ id: s.teacher.id, newPassword: 'fresh start 99' });
    expect(reset).toMatchObject({ ok: true, value: { lockedUntil: null, failedLogins: 0 } });
    expect(await api.signIn({ username: 'tess', password: 'fresh start 99' })).toMatchObject({
      ok: true,
    });
  });

  it('never writes a password or its hash to the audit log or the outbox', async () => {
    const s = await school();
    const secrets = [
      adminPassword,
      'maria password',
      'typed in the username box!',
      'wrong guess 12345',
      'brand new password',
      'fresh start 99',
    ];
    await s.admin.createUser(newTeacher);
    const api = inProcessApi(s.backend);
    await api.signIn({ username: 'maria.silva', password: 'wrong guess 12345' });
    await api.signIn({ username: 'typed in the username box!', password: 'maria password' });
    await api.signIn({ username: 'maria.silva', password: 'maria password' });
    await api.changePassword({
      currentPassword: 'maria password',
      newPassword: 'brand new password',
    });
    const maria = s.db.prepare("SELECT id FROM users WHERE username = 'maria.silva'").pluck().get();
    await s.admin.resetPassword({ id: maria as string, newPassword: 'fresh start 99' });
    await s.admin.exportAuditLog({});

    const hashes = s.db.prepare('SELECT password_hash FROM users').pluck().all() as string[];
    const logged = JSON.stringify([
      s.db.prepare('SELECT * FROM audit_log').all(),
      s.db.prepare('SELECT * FROM sync_outbox').all(),
    ]);
    for (const secret of [...secrets, ...hashes, 'scrypt$', 'password_hash']) {
      expect(logged, secret).not.toContain(secret);
    }
    // The changes are still audited: a password change shows as such.
    const changes = s.db
      .prepare(
        "SELECT user_id, after FROM audit_log WHERE entity = 'users' AND entity_id = ? AND action = 'update' ORDER BY id",
      )
      .all(maria) as { user_id: string; after: string }[];
    expect(changes.map((c) => [c.user_id, JSON.parse(c.after).password_changed])).toEqual([
      [maria, true],
      [s.adminId, true],
    ]);
  });
});
