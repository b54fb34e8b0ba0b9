import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { backupReasons, type BackupInfo, type BackupReason } from '../../../contract';
import { isEncryptedFile } from '../../../db';

/**
 * Backup files are named `beacon-backup-<school>-<time>-<reason>.sqlite`, so a folder shared by
 * several laptops (a USB drive, a share) keeps each school's apart and sorts by time. A backup
 * being written is `<name>.partial-<pid>` until it is complete: a name without that suffix is
 * always a whole backup.
 */
const NAME = /^beacon-backup-([0-9a-z]{8})-(\d{8}T\d{9}Z)-([a-z-]+)\.sqlite$/;
// With the journal SQLite keeps beside a file being written, which a kill leaves too.
const PARTIAL = /^beacon-backup-.*\.sqlite\.partial-(\d+)(-journal|-wal|-shm)?$/;

/** The eight characters naming a school in its backups' file names. */
export function schoolTag(schoolId: string | null): string {
  if (schoolId === null) return 'noschool';
  return schoolId
    .replace(/[^0-9a-z]/gi, '')
    .slice(-8)
    .toLowerCase()
    .padStart(8, '0');
}

const compact = (at: Date) => at.toISOString().replace(/[-:.]/g, '');
const expand = (s: string) =>
  `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:` +
  `${s.slice(13, 15)}.${s.slice(15, 18)}Z`;

/** A backup's file name; a later millisecond when the name is taken, so none is overwritten. */
export function backupName(folder: string, tag: string, reason: BackupReason, at: Date): string {
  let ms = at.getTime();
  for (;;) {
    const name = `beacon-backup-${tag}-${compact(new Date(ms))}-${reason}.sqlite`;
    if (!existsSync(join(folder, name))) return name;
    ms += 1;
  }
}

/** What a file name says about a backup, or null when it is not a (whole) backup's name. */
export function parseBackupName(
  name: string,
): { tag: string; createdAt: string; reason: BackupReason } | null {
  const m = NAME.exec(name);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const reason = backupReasons.find((r) => r === m[3]);
  return reason ? { tag: m[1], createdAt: expand(m[2]), reason } : null;
}

/** The whole backups of one school in a folder, newest first. A missing folder holds none. */
export function listBackupFiles(folder: string, tag: string): BackupInfo[] {
  if (!existsSync(folder)) return [];
  const found: BackupInfo[] = [];
  for (const name of readdirSync(folder)) {
    const parsed = parseBackupName(name);
    if (!parsed || parsed.tag !== tag) continue;
    const path = join(folder, name);
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      continue; // pruned by another process meanwhile
    }
    found.push({
      path,
      name,
      createdAt: parsed.createdAt,
      reason: parsed.reason,
      sizeBytes: size,
      encrypted: isEncryptedFile(path),
    });
  }
  return found.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/** Deletes a school's backups beyond the newest `keep`; answers the paths deleted. */
export function pruneBackups(folder: string, tag: string, keep: number): string[] {
  const old = listBackupFiles(folder, tag).slice(keep);
  for (const b of old) rmSync(b.path, { force: true });
  return old.map((b) => b.path);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
};

/**
 * Removes what backups cut short left behind (the process was killed or the laptop switched
 * off): partial files whose writer is no longer running. Another process's backup in progress
 * is left alone.
 */
export function removeAbandonedPartials(folder: string): void {
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder)) {
    const pid = Number(PARTIAL.exec(name)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) rmSync(join(folder, name), { force: true });
  }
}
