import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../../main/backend/backend';
import { signIn } from '../../main/backend/auth/sign-in';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';
import { adminPassword, seededSchool } from '../support/school';
import { runCli } from '../support/run-cli';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

/** A school whose only administrator has locked themselves out; the backend is closed again. */
async function lockedOutSchool() {
  const s = await seededSchool(tempDir());
  const db = s.backend.context.db;
  for (let i = 0; i < 5; i++) {
    await signIn(db, { username: 'admin', password: 'not it at all' }, new Date()).catch(
      () => null,
    );
  }
  const path = s.backend.context.dbPath;
  await s.backend.close();
  return { path, adminId: s.adminId };
}

async function trySignIn(path: string, password: string) {
  const b = await startBackend({ dbPath: path });
  afterTest(() => b.close());
  return inProcessApi(b).signIn({ username: 'admin', password });
}

describe('beacon users', () => {
  it('unlocks the only administrator, audited as the system', async () => {
    const { path, adminId } = await lockedOutSchool();
    expect(await trySignIn(path, adminPassword)).toMatchObject({
      ok: false,
      message: expect.stringContaining('beacon users unlock --user NAME') as string,
    });
    const r = runCli(['users', 'unlock', '--db', path, '--user', 'ADMIN']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Unlocked admin');
    const b = await startBackend({ dbPath: path });
    afterTest(() => b.close());
    const audit = b.context.db
      .prepare(
        `SELECT user_id, action FROM audit_log WHERE entity = 'users' AND entity_id = ? AND action = 'update'`,
      )
      .all(adminId);
    expect(audit).toEqual([{ user_id: null, action: 'update' }]);
    expect(
      await inProcessApi(b).signIn({ username: 'admin', password: adminPassword }),
    ).toMatchObject({ ok: true });
  });

  it('resets a forgotten password read from stdin, never from a flag', async () => {
    const { path } = await lockedOutSchool();
    const weak = runCli(['users', 'reset-password', '--db', path, '--user', 'admin'], 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/at least 10 characters/);
    const r = runCli(
      ['users', 'reset-password', '--db', path, '--user', 'admin'],
      'a brand new password\n',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('a brand new password');
    expect(await trySignIn(path, adminPassword)).toMatchObject({ ok: false });
    expect(await trySignIn(path, 'a brand new password')).toMatchObject({ ok: true });
  });

  it('adds the first administrator to a school made from the command line, and only then', async () => {
    const path = join(tempDir(), 'cli-made.sqlite');
    const b = await startBackend({ dbPath: path });
    await inProcessApi(b, systemSession).saveSchoolProfile({ name: 'Imported School' });
    await b.close();
    const r = runCli(
      ['users', 'add-admin', '--db', path, '--user', 'admin', '--name', 'Ada Admin'],
      `${adminPassword}\n`,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await trySignIn(path, adminPassword)).toMatchObject({
      ok: true,
      value: { role: 'admin', displayName: 'Ada Admin' },
    });
    const again = runCli(
      ['users', 'add-admin', '--db', path, '--user', 'eve'],
      'eve password 12\n',
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/has accounts already/);
  });

  it('names an unknown account and a missing action', async () => {
    const { path } = await lockedOutSchool();
    const r = runCli(['users', 'unlock', '--db', path, '--user', 'nobody']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Hillside Secondary has no account named nobody.\n');
    expect(runCli(['users', '--db', path, '--user', 'admin']).code).toBe(2);
  });
});
