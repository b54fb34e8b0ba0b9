import { BeaconError } from '../../../db';
import { fileSecretStore } from './file-secret-store';
import { SecretFiles } from './secret-files';
import type { SecretStore } from './secret-store';

/**
 * What seals a secret with a key the operating system keeps for the signed-in user. Electron's
 * `safeStorage` has exactly this shape (DPAPI on Windows, the Keychain on macOS, the Secret
 * Service or KWallet on Linux), so the main process passes it as it is.
 */
export interface Sealer {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux only: `basic_text` means no key store, and a password built into Chromium. */
  getSelectedStorageBackend?(): string;
}

/**
 * The app's keeper: each secret sealed by the OS key store, in `<dir>/<name>.sealed` (also
 * 0600). Refuses to keep anything where the OS offers no real key store, rather than seal with
 * a key anyone could look up. A secret it does not hold but finds with the command line's
 * keeper (its encrypted file, or a user-only recovery key IT put there on a new computer) is
 * sealed on first use and the command line's copy deleted.
 */
export function sealedSecretStore(dir: string, sealer: Sealer): SecretStore {
  const files = new SecretFiles(dir, '.sealed');
  const fileKeeper = fileSecretStore(dir);
  const usable = () => {
    if (!sealer.isEncryptionAvailable() || sealer.getSelectedStorageBackend?.() === 'basic_text') {
      throw new BeaconError(
        'CONFLICT',
        'This computer has no key store Beacon can use to protect secrets (on Linux: install ' +
          'and unlock gnome-keyring or KWallet), so nothing was changed.',
      );
    }
  };
  return {
    protection: 'os-keystore',
    get: async (name) => {
      const sealed = files.read(name);
      if (sealed !== null) {
        usable();
        return sealer.decryptString(sealed);
      }
      const kept = (await fileKeeper.get(name))?.trim() ?? null;
      if (kept === null) return null;
      usable();
      files.write(name, sealer.encryptString(kept));
      await fileKeeper.delete(name);
      return kept;
    },
    set: async (name, value) => {
      usable();
      files.write(name, sealer.encryptString(value));
    },
    delete: async (name) => {
      files.remove(name);
      await fileKeeper.delete(name);
    },
  };
}
