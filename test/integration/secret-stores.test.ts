import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { fileSecretStore } from '../../main/backend/secrets/file-secret-store';
import { linkedSecretStore } from '../../main/backend/shell/linked-secret-store';
import { sealedSecretStore, type Sealer } from '../../main/backend/secrets/sealed-secret-store';
import type { SecretStore } from '../../main/backend/secrets/secret-store';
import {
  serveShellCalls,
  shellCaller,
  type FromBackend,
  type LinkEnd,
  type ShellHandlers,
  type ToBackend,
} from '../../main/backend/shell/shell-link';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();
const posix = process.platform !== 'win32';
const secret = 'a3f1'.repeat(16);

/** A real sealer shaped like Electron's safeStorage: AES-256-GCM under a key held in memory. */
function aesSealer(available = true, backend = 'gnome_libsecret'): Sealer {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString();
    },
  };
}

async function roundTrip(store: SecretStore) {
  expect(await store.get('database-key')).toBeNull();
  await store.set('database-key', secret);
  expect(await store.get('database-key')).toBe(secret);
  await store.set('database-key', 'replaced');
  expect(await store.get('database-key')).toBe('replaced');
  await store.delete('database-key');
  await store.delete('database-key');
  expect(await store.get('database-key')).toBeNull();
}

describe('the Node keeper: user-only files', () => {
  it('keeps, replaces and forgets a secret', async () => {
    await roundTrip(fileSecretStore(join(tempDir(), 'secrets')));
  });

  it.runIf(posix)(
    'writes the folder 0700 and each file 0600, leaving no partial file',
    async () => {
      const dir = join(tempDir(), 'secrets');
      await fileSecretStore(dir).set('sync-password', 'hunter2');
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'sync-password.enc')).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'file-store.key')).mode & 0o777).toBe(0o600);
      expect(readdirSync(dir).sort()).toEqual(['file-store.key', 'sync-password.enc']);
    },
  );

  it.runIf(posix)('refuses a key file other users could read, saying how to fix it', async () => {
    const dir = join(tempDir(), 'secrets');
    const store = fileSecretStore(dir);
    await store.set('database-key', secret);
    chmodSync(join(dir, 'database-key.enc'), 0o644);
    await expect(store.get('database-key')).rejects.toThrow(
      /can be read by other users.*chmod 600/,
    );
  });
});

describe('the Node keeper: never plain text on disk', () => {
  it('encrypts each secret with a key of its own, and the encrypted file alone reveals nothing', async () => {
    const dir = join(tempDir(), 'secrets');
    const store = fileSecretStore(dir);
    await store.set('sync-password', 'hunter2-district-password');
    for (const file of readdirSync(dir)) {
      expect(readFileSync(join(dir, file)).includes('hunter2')).toBe(false);
    }
    // Without its key, the secret cannot be read, and the refusal says what to do.
    rmSync(join(dir, 'file-store.key'));
    await expect(store.get('sync-password')).rejects.toThrow(
      /key file is missing.*Set the secret again/s,
    );
  });

  it('encrypts a plain recovery key IT left in the folder on first read, and deletes the plain file', async () => {
    const dir = join(tempDir(), 'secrets');
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, 'database-key.key'), 'recovery-key-123', { mode: 0o600 });
    const store = fileSecretStore(dir);
    expect(await store.get('database-key')).toBe('recovery-key-123');
    expect(readdirSync(dir).sort()).toEqual(['database-key.enc', 'file-store.key']);
    expect(await store.get('database-key')).toBe('recovery-key-123');
    await store.delete('database-key');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('the app keeper: sealed by the OS key store', () => {
  it('keeps, replaces and forgets a secret, and never writes it in plain text', async () => {
    const dir = join(tempDir(), 'secrets');
    const store = sealedSecretStore(dir, aesSealer());
    await store.set('database-key', secret);
    expect(readFileSync(join(dir, 'database-key.sealed')).includes(secret)).toBe(false);
    await store.delete('database-key');
    await roundTrip(store);
  });

  it('seals a key left as a user-only file (a recovery key IT put there) and deletes the plain file', async () => {
    const dir = join(tempDir(), 'secrets');
    await fileSecretStore(dir).set('database-key', `${secret}\n`);
    const store = sealedSecretStore(dir, aesSealer());
    expect(await store.get('database-key')).toBe(secret);
    expect(readdirSync(dir)).toEqual(['database-key.sealed']);
    expect(await store.get('database-key')).toBe(secret);
  });

  it('refuses to keep anything where there is no real key store (Linux basic_text)', async () => {
    const dir = join(tempDir(), 'secrets');
    for (const sealer of [aesSealer(false), aesSealer(true, 'basic_text')]) {
      const store = sealedSecretStore(dir, sealer);
      await expect(store.set('database-key', secret)).rejects.toMatchObject({
        code: 'CONFLICT',
        message: /no key store Beacon can use/,
      });
    }
    expect(() => readdirSync(dir)).toThrow(); // nothing written, not even the folder
  });
});

/** The backend's end and the main process's end of the parent-port link, over a real channel. */
function link(handlers: ShellHandlers) {
  const { port1, port2 } = new MessageChannel();
  afterTest(() => {
    port1.close();
    port2.close();
  });
  const backendEnd: LinkEnd<ToBackend, FromBackend> = {
    post: (m) => port1.postMessage(m),
    onMessage: (l) => port1.on('message', l),
  };
  const mainEnd: LinkEnd<FromBackend, ToBackend> = {
    post: (m) => port2.postMessage(m),
    onMessage: (l) => port2.on('message', l),
  };
  serveShellCalls(mainEnd, handlers);
  return shellCaller(backendEnd);
}

function sealedHandlers(store: SecretStore): ShellHandlers {
  return {
    getSecret: ({ name }) => store.get(name),
    setSecret: async ({ name, value }) => (await store.set(name, value), null),
    deleteSecret: async ({ name }) => (await store.delete(name), null),
    checkForUpdate: async () => null,
    installUpdate: async () => null,
    choosePdfPath: async () => null,
    printWindowToPdf: async () => new Uint8Array(),
  };
}

describe('the backend asking the main process for secrets', () => {
  it('reaches the sealed store through the link', async () => {
    const dir = join(tempDir(), 'secrets');
    const call = link(sealedHandlers(sealedSecretStore(dir, aesSealer())));
    const store = linkedSecretStore(call);
    expect(store.protection).toBe('os-keystore');
    await roundTrip(store);
  });

  it('carries a refusal’s code and message back', async () => {
    const dir = join(tempDir(), 'secrets');
    const call = link(sealedHandlers(sealedSecretStore(dir, aesSealer(false))));
    await expect(linkedSecretStore(call).set('database-key', secret)).rejects.toMatchObject({
      name: 'BeaconError',
      code: 'CONFLICT',
      message: /no key store/,
    });
  });

  it('refuses an unknown secret or call on either side', async () => {
    const call = link(sealedHandlers(fileSecretStore(join(tempDir(), 'secrets'))));
    const store = linkedSecretStore(call);
    await expect(store.get('password-of-the-head' as never)).rejects.toThrow(/Unknown secret/);
    await expect(call('launchMissiles' as never, {} as never)).rejects.toThrow(
      /Unknown shell call/,
    );
  });
});
