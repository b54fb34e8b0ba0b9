import { existsSync } from 'node:fs';
import { migrations, openSqlite } from '../../../db';
import { appliedMigrations, checkHistory } from '../../../db/history';
import { currentSchool } from '../services/school';
import { pruneBackups, schoolTag } from './backup-files';
import { backupFolder, readBackupSettings } from './backup-settings';
import { writeBackup } from './write-backup';

/**
 * Before migrations change an existing database, keeps a backup of it as it was, so an update
 * that goes wrong can be undone by a restore. Nothing happens for a new file, one already up to
 * date, or one that migrating would refuse anyway (newer or diverged: it is left untouched).
 * Answers the backup's path, if one was made.
 */
export async function backupBeforeMigration(dbPath: string): Promise<string | null> {
  if (!existsSync(dbPath)) return null;
  const known = migrations.map((m) => m.name);
  const applied = appliedMigrations(dbPath);
  if (applied.length === 0 || applied.length >= known.length) return null;
  try {
    checkHistory(applied, known);
  } catch {
    return null;
  }
  const db = openSqlite(dbPath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const schoolId = currentSchool(db)?.id ?? null;
    const settings = readBackupSettings(db, schoolId);
    const folder = backupFolder(settings, dbPath);
    const tag = schoolTag(schoolId);
    const info = await writeBackup(dbPath, { folder, tag, reason: 'before-migration' });
    pruneBackups(folder, tag, settings.keep);
    return info.path;
  } finally {
    db.close();
  }
}
