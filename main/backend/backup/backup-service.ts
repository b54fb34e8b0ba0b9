import type {
  BackupInfo,
  BackupList,
  BackupReason,
  BackupSettings,
  BackupSettingsView,
  RestoreResult,
} from '../../../contract';
import {
  BeaconError,
  isEncryptedFile,
  migrations,
  rememberDatabaseKey,
  type Db,
} from '../../../db';
import type { Logger } from '../logs/logger';
import type { SecretStore } from '../secrets/secret-store';
import { currentSchool } from '../services/school';
import { backupFolder, readBackupSettings, writeBackupSettings } from './backup-settings';
import { listBackupFiles, pruneBackups, schoolTag } from './backup-files';
import { checkBackup } from './check-backup';
import { replaceDatabase } from './replace-database';
import { writeBackup } from './write-backup';

export interface BackupServiceOptions {
  /** The backend's connection now (a restore replaces it). */
  db(): Db;
  dbPath: string;
  secrets: SecretStore;
  /** Jobs running now in any process on this file (their workers hold it open). */
  runningJobs(): number;
  /**
   * Closes the backend's connection, runs `swap` on the closed file, then reopens and migrates
   * it (the old file when `swap` threw, and the error is passed on). Answers the schema version.
   */
  reopen(swap: () => void | Promise<void>): Promise<number>;
  now?: () => Date;
  logger?: Logger;
}

/** Backups, their settings, and restore: what `beacon backup`/`restore` and Settings ask for. */
export class BackupService {
  constructor(private readonly options: BackupServiceOptions) {}

  private get db(): Db {
    return this.options.db();
  }

  private schoolId(): string | null {
    return currentSchool(this.db)?.id ?? null;
  }

  settings(): BackupSettingsView {
    const settings = readBackupSettings(this.db, this.schoolId());
    return { ...settings, effectiveFolder: backupFolder(settings, this.options.dbPath) };
  }

  saveSettings(next: BackupSettings): BackupSettingsView {
    writeBackupSettings(this.db, this.schoolId(), next);
    return this.settings();
  }

  list(): BackupList {
    const folder = this.settings().effectiveFolder;
    return { folder, backups: listBackupFiles(folder, schoolTag(this.schoolId())) };
  }

  /**
   * Makes a backup now, then keeps only the newest `keep` in the folder. `folder` overrides the
   * setting (a USB drive for moving a school); nothing is pruned there.
   */
  async backup(
    reason: BackupReason,
    folder?: string,
    prune = folder === undefined,
  ): Promise<BackupInfo> {
    const settings = this.settings();
    const tag = schoolTag(this.schoolId());
    const target = folder ?? settings.effectiveFolder;
    const started = performance.now();
    const info = await writeBackup(this.options.dbPath, {
      folder: target,
      tag,
      reason,
      ...(this.options.now ? { at: this.options.now() } : {}),
    });
    if (prune) pruneBackups(target, tag, settings.keep);
    this.options.logger?.log('info', 'backup.written', {
      reason,
      bytes: info.sizeBytes,
      encrypted: info.encrypted,
      ms: performance.now() - started,
    });
    return info;
  }

  /**
   * Restores a backup after checking it (see `checkBackup`): the current database is first kept
   * as a `before-restore` backup, then the backup replaces it and is migrated to this Beacon.
   */
  async restore(path: string): Promise<RestoreResult> {
    if (this.options.runningJobs() > 0) {
      throw new BeaconError(
        'CONFLICT',
        'Beacon is busy with a task (training, a backup, the demo school); restore when it has ' +
          'finished. Nothing was changed.',
      );
    }
    const school = currentSchool(this.db);
    const hasRecords =
      (this.db.prepare('SELECT count(*) FROM students').pluck().get() as number) > 0;
    const key = await this.options.secrets.get('database-key');
    const checked = checkBackup(
      path,
      key,
      migrations.map((m) => m.name),
      { schoolId: school?.id ?? null, hasRecords },
    );
    // Not pruned now: pruning could delete the very backup being restored (the oldest kept).
    const keptAside = await this.backup('before-restore', undefined, false);
    const schemaVersion = await this.options.reopen(() => {
      replaceDatabase(this.options.dbPath, path);
      rememberDatabaseKey(this.options.dbPath, isEncryptedFile(this.options.dbPath) ? key : null);
    });
    this.options.logger?.log('info', 'database.restored', { schemaVersion });
    return { restoredFrom: path, keptAside, schoolName: checked.schoolName, schemaVersion };
  }
}
