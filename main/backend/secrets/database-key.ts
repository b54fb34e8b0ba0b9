import type { DatabaseEncrypted, DatabaseEncryption } from '../../../contract';
import { BeaconError, isEncryptedFile, rememberDatabaseKey, type Db } from '../../../db';
import { encryptInPlace, newDatabaseKey } from '../../../db/encryption';
import type { SecretStore } from './secret-store';

/**
 * Before the database is opened: when the file is encrypted, fetches its key from the store
 * and remembers it for this process and its workers (`openSqlite` applies it). A missing key
 * is not an error here: opening then says the file cannot be read without it.
 */
export async function unlockDatabase(path: string, secrets: SecretStore): Promise<void> {
  if (!isEncryptedFile(path)) return;
  rememberDatabaseKey(path, await secrets.get('database-key'));
}

/** Whether the open database is encrypted, and how its key is kept. */
export function databaseEncryption(path: string, secrets: SecretStore): DatabaseEncryption {
  const encrypted = isEncryptedFile(path);
  return { encrypted, protection: encrypted ? secrets.protection : null };
}

/**
 * Encrypts the open database with a new key kept in `secrets`, and answers the key once as a
 * recovery key. The key is stored before the file is rewritten and forgotten if rewriting
 * fails, so the file is never encrypted with a key nobody kept. Refused while a job runs (its
 * worker holds the file), when a key is already kept (one database key per computer: never
 * overwrite the key of another database), or when already encrypted.
 */
export async function encryptDatabase(
  db: Db,
  path: string,
  secrets: SecretStore,
  runningJobs: number,
): Promise<DatabaseEncrypted> {
  if (isEncryptedFile(path)) {
    throw new BeaconError('CONFLICT', 'The database is already encrypted.');
  }
  if (runningJobs > 0) {
    throw new BeaconError('CONFLICT', 'Beacon is busy with a task; encrypt when it has finished.');
  }
  if ((await secrets.get('database-key')) !== null) {
    throw new BeaconError(
      'CONFLICT',
      'This computer already keeps a database key, for another Beacon database; nothing was changed.',
    );
  }
  const key = newDatabaseKey();
  await secrets.set('database-key', key);
  try {
    encryptInPlace(db, path, key);
  } catch (err) {
    await secrets.delete('database-key');
    throw err;
  }
  return { encrypted: true, protection: secrets.protection, recoveryKey: key };
}
