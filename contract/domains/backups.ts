import { z } from 'zod';
import { noInput } from '../schemas';
import { request } from '../spec';

/** Why a backup was made: on the schedule, by hand, or before something that changes the file. */
export const backupReasons = [
  'scheduled',
  'manual',
  'before-migration',
  'before-restore',
  'before-model-change',
] as const;
export type BackupReason = (typeof backupReasons)[number];

/** One backup file: a whole, consistent copy of the database (the whole school, one file). */
export interface BackupInfo {
  /** Full path of the file. */
  path: string;
  /** The file's name alone. */
  name: string;
  /** When it was made (ISO time, from the laptop's clock). */
  createdAt: string;
  reason: BackupReason;
  sizeBytes: number;
  /** Encrypted with this computer's database key (a copy of an encrypted database stays so). */
  encrypted: boolean;
}

/** A full path to a folder or file, as IT types it (a USB drive, a share). */
const fullPath = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(1000, 'must be at most 1000 characters')
  .refine((p) => /^([a-zA-Z]:[\\/]|\\\\|\/)/.test(p), 'must be a full path');

export const backupSettingsInput = z
  .object({
    /** Hours between scheduled backups (24: daily). */
    everyHours: z
      .number()
      .int('must be a whole number of hours')
      .min(1, 'must be at least 1 hour')
      .max(24 * 31, 'must be at most 31 days'),
    /** How many backups to keep in the folder; older ones are deleted. */
    keep: z.number().int('must be a whole number').min(1, 'must be at least 1').max(365),
    /** Where backups go; null is the backups folder beside the database (the user-data folder). */
    folder: fullPath.nullable(),
  })
  .strict();
export type BackupSettings = z.output<typeof backupSettingsInput>;

/** The settings and the folder they resolve to. */
export interface BackupSettingsView extends BackupSettings {
  /** The folder backups go to now (the chosen one, or the default). */
  effectiveFolder: string;
}

export interface BackupList {
  folder: string;
  /** Newest first. */
  backups: BackupInfo[];
}

export interface RestoreResult {
  /** The backup file now live (migrated in place, the file itself untouched). */
  restoredFrom: string;
  /** The copy of the database as it was just before, kept as a backup (restore it to undo). */
  keptAside: BackupInfo;
  schoolName: string;
  /** The restored file's schema version after migrating it to this Beacon. */
  schemaVersion: number;
}

/**
 * Backups of the database, restore, and moving a school to another laptop (a backup is the
 * whole school in one file). Settings belong to the school; restore is for administrators.
 */
export const backupRequests = {
  listBackups: request<BackupList>()(noInput, ['admin']),
  /** Makes a backup now (into the chosen folder, or `folder` when given, e.g. a USB drive). */
  backupNow: request<BackupInfo>()(z.object({ folder: fullPath.optional() }).strict(), ['admin']),
  /**
   * Checks a backup (integrity, schema version, the school it holds), keeps the current database
   * as a backup, then puts the backup in its place and migrates it. A damaged, foreign or newer
   * file is refused (BACKUP_REFUSED, DATABASE_NEWER, DATABASE_ENCRYPTED) and nothing changes;
   * CONFLICT while a job runs or another Beacon program has the database open.
   */
  restoreBackup: request<RestoreResult>()(z.object({ path: fullPath }).strict(), ['admin']),
  getBackupSettings: request<BackupSettingsView>()(noInput, ['admin']),
  saveBackupSettings: request<BackupSettingsView>()(backupSettingsInput, ['admin']),
};
