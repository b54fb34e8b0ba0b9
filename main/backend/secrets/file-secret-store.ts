import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { BeaconError } from '../../../db';
import { SecretFiles } from './secret-files';
import type { SecretName, SecretStore } from './secret-store';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The Node keeper, for the command line and tests: each secret encrypted (AES-256-GCM) in
 * `<dir>/<name>.enc` with a key of its own in `<dir>/file-store.key`; both files 0600 in a 0700
 * folder, so no secret is ever on disk in plain text, and a copied `.enc` file alone (a backup of
 * the folder without its key, a log attachment) gives nothing away. A plain user-only
 * `<name>.key` file (a recovery key IT put there) is read once, encrypted and deleted.
 */
export function fileSecretStore(dir: string): SecretStore {
  const sealed = new SecretFiles(dir, '.enc');
  const plain = new SecretFiles(dir, '.key');

  const storeKey = (create: boolean): Buffer | null => {
    const key = plain.read('file-store');
    if (key !== null || !create) return key;
    const made = randomBytes(KEY_BYTES);
    plain.write('file-store', made);
    return made;
  };

  const seal = (name: SecretName, value: string) => {
    const key = storeKey(true)!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(name));
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    sealed.write(name, Buffer.concat([iv, cipher.getAuthTag(), body]));
  };

  const open = (name: SecretName, bytes: Buffer): string => {
    const key = storeKey(false);
    if (key === null || key.length !== KEY_BYTES || bytes.length < IV_BYTES + TAG_BYTES) {
      throw new BeaconError(
        'CONFLICT',
        `The ${name} kept in ${dir} cannot be read: its key file is missing or damaged. ` +
          'Set the secret again (for the sync password: connect again with the district file).',
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(name));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new BeaconError(
        'CONFLICT',
        `The ${name} kept in ${dir} does not match its key file (altered or from another computer). ` +
          'Set the secret again.',
      );
    }
  };

  const forgetKeyWhenUnused = () => {
    let left: string[];
    try {
      left = readdirSync(dir).filter((f) => f.endsWith('.enc'));
    } catch {
      return;
    }
    if (left.length === 0) plain.remove('file-store');
  };

  return {
    protection: 'user-only-file',
    get: async (name) => {
      const bytes = sealed.read(name);
      if (bytes !== null) return open(name, bytes);
      const recovery = plain.read(name);
      if (recovery === null) return null;
      const value = recovery.toString('utf8');
      seal(name, value);
      plain.remove(name);
      return value;
    },
    set: async (name, value) => {
      seal(name, value);
      plain.remove(name);
    },
    delete: async (name) => {
      sealed.remove(name);
      plain.remove(name);
      forgetKeyWhenUnused();
    },
  };
}
