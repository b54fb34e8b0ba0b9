import { SecretFiles } from './secret-files';
import type { SecretStore } from './secret-store';

/**
 * The Node keeper, for the command line and tests: each secret in a file only its user can
 * read (`<dir>/<name>.key`, mode 0600, folder 0700). Plain text, protected by the file system.
 */
export function fileSecretStore(dir: string): SecretStore {
  const files = new SecretFiles(dir, '.key');
  return {
    protection: 'user-only-file',
    get: async (name) => files.read(name)?.toString('utf8') ?? null,
    set: async (name, value) => files.write(name, Buffer.from(value, 'utf8')),
    delete: async (name) => files.remove(name),
  };
}
