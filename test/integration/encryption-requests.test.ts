import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { startBackend } from '../../main/backend/backend';
import { fileSecretStore } from '../../main/backend/secrets/file-secret-store';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school(
  secretsDir = join(tempDir(), 'secrets'),
  dbPath = join(tempDir(), 'beacon.sqlite'),
) {
  const secrets = fileSecretStore(secretsDir);
  const backend = await startBackend({ dbPath, secrets });
  afterTest(() => backend.close());
  const api = inProcessApi(backend, systemSession);
  const saved = await api.saveSchoolProfile({ name: 'Zebra Crossing Academy' });
  if (!saved.ok) throw new Error(saved.message);
  return { backend, api, secrets, secretsDir, dbPath };
}

describe('encrypting the database from the app', () => {
  it('encrypts in place, keeps the key, answers it once, and reopens after a restart', async () => {
    const { backend, api, secrets, secretsDir, dbPath } = await school();
    expect(await api.databaseEncryption({})).toEqual({
      ok: true,
      value: { encrypted: false, protection: null },
    });
    const done = await api.encryptDatabase({});
    if (!done.ok) throw new Error(done.message);
    expect(done.value).toMatchObject({ encrypted: true, protection: 'user-only-file' });
    expect(done.value.recoveryKey).toMatch(/^[0-9a-f]{64}$/);
    expect(await secrets.get('database-key')).toBe(done.value.recoveryKey);
    // The running backend carries on.
    expect(await api.getSchool({})).toMatchObject({
      ok: true,
      value: { name: 'Zebra Crossing Academy' },
    });
    await backend.close();
    expect(readFileSync(dbPath).includes('Zebra Crossing')).toBe(false);

    const again = await school(secretsDir, dbPath);
    expect(await again.api.getSchool({})).toMatchObject({
      ok: true,
      value: { name: 'Zebra Crossing Academy' },
    });
    expect(await again.api.databaseEncryption({})).toEqual({
      ok: true,
      value: { encrypted: true, protection: 'user-only-file' },
    });
    expect(await again.api.encryptDatabase({})).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('without its key the database does not open, and says why', async () => {
    const { backend, api, dbPath } = await school();
    expect((await api.encryptDatabase({})).ok).toBe(true);
    await backend.close();
    await expect(
      startBackend({ dbPath, secrets: fileSecretStore(join(tempDir(), 'empty')) }),
    ).rejects.toMatchObject({ code: 'DATABASE_ENCRYPTED', message: /holds no key for it/ });
  });

  it('never overwrites a key this computer already keeps, and leaves the file plain', async () => {
    const { api, secrets, dbPath } = await school();
    await secrets.set('database-key', 'f'.repeat(64));
    expect(await api.encryptDatabase({})).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: /already keeps a database key/,
    });
    expect(readFileSync(dbPath).subarray(0, 15).toString()).toBe('SQLite format 3');
    expect(await secrets.get('database-key')).toBe('f'.repeat(64));
  });

  it('is refused while a job runs, and keeps no key', async () => {
    const { backend, api, secrets, secretsDir } = await school();
    backend.context.db
      .prepare(
        `INSERT INTO jobs (id, kind, status, lease_owner, lease_expires_at) VALUES (?, 'train', 'running', 'x', ?)`,
      )
      .run(newId(), new Date(Date.now() + 60_000).toISOString());
    expect(await api.encryptDatabase({})).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: /busy with a task/,
    });
    expect(await secrets.get('database-key')).toBeNull();
    expect(existsSync(join(secretsDir, 'database-key.enc'))).toBe(false);
  });
});
