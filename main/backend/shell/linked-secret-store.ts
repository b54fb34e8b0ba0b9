import type { ShellCall } from './shell-link';
import { isSecretName, type SecretStore } from '../secrets/secret-store';

/**
 * The backend's keeper inside the app: it holds no secret on disk itself but asks the main
 * process, which seals them with the OS key store (safeStorage works only there).
 */
export function linkedSecretStore(call: ShellCall): SecretStore {
  const checked = <T>(name: unknown, run: () => Promise<T>): Promise<T> =>
    isSecretName(name) ? run() : Promise.reject(new Error(`Unknown secret "${String(name)}".`));
  return {
    protection: 'os-keystore',
    get: (name) => checked(name, () => call('getSecret', { name })),
    set: (name, value) =>
      checked(name, async () => void (await call('setSecret', { name, value }))),
    delete: (name) => checked(name, async () => void (await call('deleteSecret', { name }))),
  };
}
