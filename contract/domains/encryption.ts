import { noInput } from '../schemas';
import { request } from '../spec';

/** How the database key is protected: the OS key store (the app) or a user-only file (the CLI). */
export type KeyProtection = 'os-keystore' | 'user-only-file';

export interface DatabaseEncryption {
  encrypted: boolean;
  /** Where the key is kept, when the database is encrypted. */
  protection: KeyProtection | null;
}

export interface DatabaseEncrypted extends DatabaseEncryption {
  encrypted: true;
  /**
   * The key, shown once so an administrator can keep it somewhere safe (a printed sheet in the
   * school safe): without it an encrypted backup cannot be opened on another computer.
   */
  recoveryKey: string;
}

/** Encryption of the whole database file at rest, chosen at setup (or later, by an admin). */
export const encryptionRequests = {
  databaseEncryption: request<DatabaseEncryption>()(noInput, ['admin']),
  /**
   * Encrypts the database in place and keeps its key in the OS key store. Refused (CONFLICT)
   * while a job runs, when already encrypted, or where the OS has no usable key store.
   */
  encryptDatabase: request<DatabaseEncrypted>()(noInput, ['admin']),
};
