import { dirname, join } from 'node:path';
import { backupSettingsInput, type BackupSettings } from '../../../contract';
import { BeaconError, type Db } from '../../../db';
import { readSetting, writeSetting } from '../../../db/settings';

const KEY = 'backups';

/** Daily, the last fourteen kept, beside the database. */
export const defaultBackupSettings: BackupSettings = { everyHours: 24, keep: 14, folder: null };

/** A school's backup settings; the defaults before setup or when the stored value is not valid. */
export function readBackupSettings(db: Db, schoolId: string | null): BackupSettings {
  if (schoolId === null) return defaultBackupSettings;
  // A value written by another version or by hand is checked, not trusted.
  const parsed = backupSettingsInput.safeParse(readSetting(db, schoolId, KEY));
  return parsed.success ? parsed.data : defaultBackupSettings;
}

/** Saves the backup settings; they belong to the school, so it must be set up. */
export function writeBackupSettings(db: Db, schoolId: string | null, next: BackupSettings): void {
  if (schoolId === null) {
    throw new BeaconError('CONFLICT', 'Set up the school first: backup settings belong to it.');
  }
  writeSetting(db, schoolId, KEY, next);
}

/** Where backups go: the folder IT chose, else `backups/` beside the database (user-data folder). */
export function backupFolder(settings: BackupSettings, dbPath: string): string {
  return settings.folder ?? join(dirname(dbPath), 'backups');
}
