import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../../main/backend/backend';
import { needsRehash } from '../../main/backend/auth/password';
import { signIn, wrongCredentials } from '../../main/backend/auth/sign-in';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';
import { adminPassword, seedUser, setUpSchool } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const s = await setUpSchool(tempDir());
  afterTest(() => s.backend.close());
  const tess = await seedUser(s.backend, s.schoolId, {
    username: 'tess',
    role: 'teacher',
    password: 'tess password 1',
    displayName: 'Tess Teacher',
  });
  return { ...s, db: s.backend.context.db, tess };
}

const t0 = new Date('2025-03-10T08:00:00.000Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

const userState = (s: Awaited<ReturnType<typeof school>>) =>
  s.db.prepare('SELECT failed_logins, locked_until FROM users WHERE id = ?').get(s.tess.id);

const loginOutcomes = (s: Awaited<ReturnType<typeof school>>) =>
  (
    s.db
      .prepare(
        `SELECT after FROM audit_log WHERE action = 'login' AND entity_id IS ? ORDER BY at, id`,
      )
      .pluck()
      .all(s.tess.id) as string[]
  ).map((a) => (JSON.parse(a) as { outcome: string }).outcome);

describe('sign-in lockout (with an injected clock)', () => {
  it('locks after five failures for fifteen minutes, saying until when', async () => {
    const s = await school();
    const wrong = { username: 'tess', password: 'not the password' };
    for (let i = 1; i <= 4; i++) {
      await expect(signIn(s.db, wrong, minutes(i))).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
        message: wrongCredentials,
      });
    }
    expect(userState(s)).toEqual({ failed_logins: 4, locked_until: null });
    await expect(signIn(s.db, wrong, minutes(5))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringContaining('locked until 08:20') as string,
      details: { reason: 'locked', lockedUntil: '2025-03-10T08:20:00.000Z' },
    });
    // Locked: even the right password is refused, and the message says when to try again.
    const right = { username: 'TESS', password: 'tess password 1' };
    await expect(signIn(s.db, right, minutes(19))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message:
        'This account is locked after 5 failed sign-ins. Try again after 08:20; an administrator can unlock it sooner, or on this computer run `beacon users unlock --user NAME` (a forgotten password: `beacon users reset-password --user NAME`).',
    });
    const user = await signIn(s.db, right, minutes(20));
    expect(user.id).toBe(s.tess.id);
    expect(userState(s)).toEqual({ failed_logins: 0, locked_until: null });
    expect(loginOutcomes(s)).toEqual([
      ...Array<string>(5).fill('wrong_password'),
      'locked',
      'signed_in',
    ]);
  });

  it('counts afresh once a lock has run out, and a success resets the count', async () => {
    const s = await school();
    const wrong = { username: 'tess', password: 'not the password' };
    for (let i = 1; i <= 5; i++) await signIn(s.db, wrong, minutes(i)).catch(() => null);
    // At 08:21 the lock is over: one more failure is the first of a new run, not a new lock.
    await expect(signIn(s.db, wrong, minutes(21))).rejects.toMatchObject({
      message: wrongCredentials,
    });
    expect(userState(s)).toEqual({ failed_logins: 1, locked_until: null });
    for (let i = 22; i <= 24; i++) await signIn(s.db, wrong, minutes(i)).catch(() => null);
    await signIn(s.db, { username: 'tess', password: 'tess password 1' }, minutes(25));
    for (let i = 26; i <= 29; i++) await signIn(s.db, wrong, minutes(i)).catch(() => null);
    expect(userState(s)).toEqual({ failed_logins: 4, locked_until: null });
  });

  it('writes the unlock time on the school clock', async () => {
    const s = await school();
    s.db.prepare("UPDATE schools SET timezone = 'Africa/Nairobi'").run();
    const wrong = { username: 'tess', password: 'not the password' };
    for (let i = 1; i <= 4; i++) await signIn(s.db, wrong, t0).catch(() => null);
    await expect(signIn(s.db, wrong, t0)).rejects.toMatchObject({
      message: expect.stringContaining('locked until 11:15') as string,
    });
    const nextDay = new Date('2025-03-11T07:00:00.000Z');
    s.db
      .prepare("UPDATE users SET locked_until = '2025-03-12T06:00:00.000Z' WHERE id = ?")
      .run(s.tess.id);
    await expect(
      signIn(s.db, { username: 'tess', password: 'tess password 1' }, nextDay),
    ).rejects.toMatchObject({ message: expect.stringContaining('09:00 on 2025-03-12') as string });
  });

  it('gives an unknown username the same answer as a wrong password, and audits both', async () => {
    const s = await school();
    const unknown = await signIn(s.db, { username: 'nobody', password: 'whatever 12' }, t0).catch(
      (e: unknown) => e,
    );
    const wrong = await signIn(s.db, { username: 'tess', password: 'whatever 12' }, t0).catch(
      (e: unknown) => e,
    );
    expect(unknown).toMatchObject({ code: 'UNAUTHENTICATED', message: wrongCredentials });
    expect(wrong).toMatchObject({ code: 'UNAUTHENTICATED', message: wrongCredentials });
    const entries = s.db
      .prepare(
        "SELECT user_id, entity, entity_id, after, at FROM audit_log WHERE action = 'login' AND user_id IS NULL ORDER BY id",
      )
      .all();
    expect(entries).toEqual([
      {
        user_id: null,
        entity: 'users',
        entity_id: null,
        after: JSON.stringify({ username: 'nobody', outcome: 'unknown_username' }),
        at: t0.toISOString(),
      },
      {
        user_id: null,
        entity: 'users',
        entity_id: s.tess.id,
        after: JSON.stringify({
          username: 'tess',
          outcome: 'wrong_password',
          failedLogins: 1,
          lockedUntil: null,
        }),
        at: t0.toISOString(),
      },
    ]);
  });

  it('refuses a disabled account only once the password is right', async () => {
    const s = await school();
    s.db
      .prepare("UPDATE users SET disabled_at = '2025-01-01T00:00:00.000Z' WHERE id = ?")
      .run(s.tess.id);
    await expect(
      signIn(s.db, { username: 'tess', password: 'wrong password' }, t0),
    ).rejects.toMatchObject({ message: wrongCredentials });
    await expect(
      signIn(s.db, { username: 'tess', password: 'tess password 1' }, t0),
    ).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'This account is disabled. Ask an administrator to enable it.',
    });
  });

  it('remakes a hash made with weaker parameters when its owner signs in', async () => {
    const s = await school();
    const before = s.tess.password_hash;
    expect(needsRehash(before)).toBe(true);
    await signIn(s.db, { username: 'tess', password: 'tess password 1' }, t0);
    const after = s.db
      .prepare('SELECT password_hash FROM users WHERE id = ?')
      .pluck()
      .get(s.tess.id);
    expect(after).not.toBe(before);
    expect(needsRehash(after as string)).toBe(false);
    await signIn(s.db, { username: 'tess', password: 'tess password 1' }, t0);
  });
});

describe('sign-in requests', () => {
  it('signs a connection in and out; other connections stay as they were', async () => {
    const s = await school();
    const api = inProcessApi(s.backend);
    const other = inProcessApi(s.backend);
    expect(await api.currentUser({})).toEqual({ ok: true, value: null });
    const signed = await api.signIn({ username: ' Tess ', password: 'tess password 1' });
    expect(signed).toEqual({
      ok: true,
      value: {
        id: s.tess.id,
        username: 'tess',
        displayName: 'Tess Teacher',
        role: 'teacher',
        kind: 'user',
      },
    });
    expect(await api.currentUser({})).toMatchObject({ ok: true, value: { username: 'tess' } });
    expect(await other.currentUser({})).toEqual({ ok: true, value: null });
    expect(await api.signOut({})).toEqual({ ok: true, value: null });
    expect(await api.currentUser({})).toEqual({ ok: true, value: null });
    expect(await api.signOut({})).toEqual({ ok: true, value: null });
    expect(await api.listUsers({})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('leaves a connection signed out after a failed attempt', async () => {
    const s = await school();
    const res = await s.admin.signIn({ username: 'admin', password: 'not my password' });
    expect(res).toEqual({
      ok: false,
      code: 'UNAUTHENTICATED',
      message: wrongCredentials,
      details: { reason: 'credentials' },
    });
    expect(await s.admin.currentUser({})).toEqual({ ok: true, value: null });
    expect(await s.admin.signIn({ username: 'admin', password: adminPassword })).toMatchObject({
      ok: true,
    });
  });

  it('locks after five failed requests; an administrator can unlock at once', async () => {
    const s = await school();
    const api = inProcessApi(s.backend);
    const answers = [];
    for (let i = 0; i < 5; i++) {
      answers.push(await api.signIn({ username: 'tess', password: 'wrong password' }));
    }
    expect(answers.map((a) => !a.ok && a.message.includes('locked until'))).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
    const locked = await api.signIn({ username: 'tess', password: 'tess password 1' });
    expect(locked).toMatchObject({ ok: false, details: { reason: 'locked' } });
    const users = await s.admin.listUsers({});
    const listed = users.ok ? users.value.find((u) => u.id === s.tess.id) : undefined;
    expect(listed).toMatchObject({ failedLogins: 5, lockedUntil: expect.any(String) as string });

    expect(await s.admin.unlockUser({ id: s.tess.id })).toMatchObject({
      ok: true,
      value: { lockedUntil: null, failedLogins: 0 },
    });
    expect(await api.signIn({ username: 'tess', password: 'tess password 1' })).toMatchObject({
      ok: true,
    });
  });

  it('validates sign-in input like any request', async () => {
    const s = await school();
    const api = inProcessApi(s.backend);
    expect(await api.signIn({ username: '', password: 'x' })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    const sneaky = { username: 'tess', password: 'tess password 1', role: 'admin' };
    expect(await api.signIn(sneaky)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});

describe('first-run setup', () => {
  it('creates the school and its administrator and signs the caller in', async () => {
    const s = await school();
    expect(await s.admin.currentUser({})).toEqual({
      ok: true,
      value: {
        id: s.adminId,
        username: 'admin',
        displayName: 'Ada Admin',
        role: 'admin',
        kind: 'user',
      },
    });
    const profile = await s.admin.getSchool({});
    expect(profile).toMatchObject({ ok: true, value: { name: 'Hillside Secondary' } });
    // The school, the account and the first sign-in, all by the new administrator.
    const entries = s.db
      .prepare('SELECT action, entity, user_id FROM audit_log ORDER BY id')
      .all() as { action: string; entity: string; user_id: string }[];
    expect(entries.slice(0, 3)).toEqual([
      { action: 'create', entity: 'schools', user_id: s.adminId },
      { action: 'create', entity: 'users', user_id: s.adminId },
      { action: 'login', entity: 'users', user_id: s.adminId },
    ]);
    expect(await inProcessApi(s.backend).setupStatus({})).toEqual({
      ok: true,
      value: { needsSetup: false, schoolName: 'Hillside Secondary' },
    });
  });

  it('is refused once any account exists, and changes nothing', async () => {
    const s = await school();
    const api = inProcessApi(s.backend);
    const again = await api.setupSchool({
      schoolName: 'Takeover School',
      username: 'mallory',
      displayName: 'Mallory',
      password: 'mallory password',
    });
    expect(again).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await api.currentUser({})).toEqual({ ok: true, value: null });
    expect(s.db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(2);
    expect(s.db.prepare('SELECT name FROM schools').pluck().all()).toEqual(['Hillside Secondary']);
  });

  it('lets only one of two simultaneous first runs through', async () => {
    const b = await startBackend({ dbPath: join(tempDir(), 'fresh.sqlite') });
    afterTest(() => b.close());
    const setup = (name: string) =>
      inProcessApi(b).setupSchool({
        schoolName: 'Riverside',
        username: name,
        displayName: name,
        password: 'a good password',
      });
    const results = await Promise.all([setup('first'), setup('second')]);
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 'CONFLICT' });
    expect(b.context.db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(1);
    expect(b.context.db.prepare('SELECT count(*) FROM schools').pluck().get()).toBe(1);
  });

  it('offers no setup for a database whose school was made from the command line', async () => {
    const b = await startBackend({ dbPath: join(tempDir(), 'profile.sqlite') });
    afterTest(() => b.close());
    await inProcessApi(b, systemSession).saveSchoolProfile({ name: 'Imported School' });
    const api = inProcessApi(b);
    expect(await api.setupStatus({})).toEqual({
      ok: true,
      value: { needsSetup: false, schoolName: 'Imported School' },
    });
    const takeover = await api.setupSchool({
      schoolName: 'Imported School',
      username: 'mallory',
      displayName: 'Mallory',
      password: 'a good password',
    });
    expect(takeover).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await api.signIn({ username: 'mallory', password: 'a good password' })).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
      message: expect.stringContaining('beacon users add-admin') as string,
    });
    expect(b.context.db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(0);
  });

  it('checks the first password against the rules', async () => {
    const b = await startBackend({ dbPath: join(tempDir(), 'rules.sqlite') });
    afterTest(() => b.close());
    const api = inProcessApi(b);
    const short = await api.setupSchool({
      schoolName: 'New Name',
      username: 'admin',
      displayName: 'Ada',
      password: 'short',
    });
    expect(short).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      details: [{ path: ['password'], message: 'must be at least 10 characters long' }],
    });
    const same = await api.setupSchool({
      schoolName: 'New Name',
      username: 'administrator',
      displayName: 'Ada',
      password: 'Administrator',
    });
    expect(same).toMatchObject({
      ok: false,
      message: expect.stringMatching(/same as the username/) as string,
    });
    expect(b.context.db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(0);
  });
});
