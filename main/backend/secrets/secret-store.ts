/**
 * Where Beacon keeps secrets (the database key; the sync password; a district admin's password): one
 * interface, three keepers. In the app the Electron main process seals them with the operating
 * system's key store (safeStorage) and the backend asks it over its parent port; the command
 * line and tests keep them in files only their user can read.
 */

/** Every secret Beacon keeps. A new one is added here, so its name is checked everywhere. */
export const secretNames = ['database-key', 'sync-password', 'district-password'] as const;
export type SecretName = (typeof secretNames)[number];

/** How a store protects what it holds, as the health page and the docs describe it. */
export type SecretProtection = 'os-keystore' | 'user-only-file';

export interface SecretStore {
  readonly protection: SecretProtection;
  /** The secret, or null when none is kept under that name. */
  get(name: SecretName): Promise<string | null>;
  /** Keeps a secret, replacing any earlier one; durable when the promise resolves. */
  set(name: SecretName, value: string): Promise<void>;
  /** Forgets a secret; forgetting one that is not kept is not an error. */
  delete(name: SecretName): Promise<void>;
}

/** True for a known secret name (messages from another process arrive untyped). */
export const isSecretName = (name: unknown): name is SecretName =>
  typeof name === 'string' && (secretNames as readonly string[]).includes(name);
