import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { BeaconError } from '../../../db';
import type { SecretName } from './secret-store';

/** A secret's file, or the file keeper's own key (see file-secret-store.ts). */
export type SecretFileName = SecretName | 'file-store';

/**
 * Files for secrets in one folder: the folder is 0700 and each file 0600, written under a
 * temporary name and renamed, so a secret is never half-written or briefly readable by others.
 * (On Windows the modes are ignored; the folder inherits the user profile's ACL.)
 */
export class SecretFiles {
  constructor(
    readonly dir: string,
    private readonly suffix: string,
  ) {}

  path(name: SecretFileName): string {
    return join(this.dir, `${name}${this.suffix}`);
  }

  /** The file's bytes, or null when absent. Refuses a file others could read (POSIX). */
  read(name: SecretFileName): Buffer | null {
    const file = this.path(name);
    let mode: number;
    try {
      mode = statSync(file).mode;
    } catch {
      return null;
    }
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new BeaconError(
        'FORBIDDEN',
        `${file} can be read by other users of this computer, so Beacon will not use it. ` +
          `Run \`chmod 600 "${file}"\` if you trust it, or delete it.`,
        { file, mode: (mode & 0o777).toString(8) },
      );
    }
    return readFileSync(file);
  }

  write(name: SecretFileName, bytes: Buffer): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
    const file = this.path(name);
    const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
    try {
      writeFileSync(partial, bytes, { mode: 0o600, flag: 'wx' });
      renameSync(partial, file);
    } finally {
      rmSync(partial, { force: true });
    }
  }

  remove(name: SecretFileName): void {
    rmSync(this.path(name), { force: true });
  }
}
