import {
  copyFileSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations';
import { openSqlite } from '../../db';
import { startBackend } from '../../main/backend/backend';
import { fileSecretStore } from '../../main/backend/secrets/file-secret-store';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';
import { seedSchool, addStudents, ok } from '../support/school';
import { migrateTo } from '../support/migrate-to';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school(dir = tempDir(), name = 'Escola do Vale') {
  const dbPath = join(dir, 'beacon.sqlite');
  const secrets = fileSecretStore(join(dir, 'secrets'));
  const backend = await startBackend({ dbPath, secrets });
  afterTest(() => backend.close());
  const api = inProcessApi(backend, systemSession);
  const profile = ok(await api.saveSchoolProfile({ name }));
  return { dir, dbPath, backend, api, schoolId: profile.id, secrets };
}

const students = (path: string): string[] => {
  const db = openSqlite(path, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT first_name FROM students ORDER BY first_name')
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
};

describe('backups', () => {
  it('writes a whole, checked copy beside the database, lists it, and keeps the last N', async () => {
    const { api, dbPath, dir } = await school();
    await addStudents(api, ['Ana Silva', 'Bruno Costa']);
    const first = ok(await api.backupNow({}));
    expect(first).toMatchObject({ reason: 'manual', encrypted: false });
    expect(first.path.startsWith(join(dir, 'backups'))).toBe(true);
    expect(students(first.path)).toEqual(['Ana', 'Bruno']);
    const copy = new Database(first.path, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();

    const settings = ok(await api.saveBackupSettings({ everyHours: 24, keep: 2, folder: null }));
    expect(settings.effectiveFolder).toBe(join(dir, 'backups'));
    ok(await api.backupNow({}));
    const third = ok(await api.backupNow({}));
    const list = ok(await api.listBackups({}));
    expect(list.backups.map((b) => b.path)).toHaveLength(2);
    expect(list.backups[0]?.path).toBe(third.path);
    expect(existsSync(first.path)).toBe(false);
    expect(readdirSync(join(dir, 'backups')).some((n) => n.includes('.partial'))).toBe(false);
    expect(existsSync(dbPath)).toBe(true);
  });

  it('goes to the folder IT chose, and refuses settings that make no sense', async () => {
    const { api } = await school();
    const usb = join(tempDir(), 'usb');
    ok(await api.saveBackupSettings({ everyHours: 168, keep: 5, folder: usb }));
    const made = ok(await api.backupNow({}));
    expect(made.path.startsWith(usb)).toBe(true);
    expect(ok(await api.getBackupSettings({}))).toMatchObject({ everyHours: 168, keep: 5 });
    const bad = await api.saveBackupSettings({ everyHours: 0, keep: 5, folder: 'relative/path' });
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    if (!bad.ok) expect(bad.message).toMatch(/everyHours.*folder: must be a full path/);
  });
});

describe('restore', () => {
  it('puts an earlier backup back, keeps the current database aside, and carries on', async () => {
    const { api, backend, dbPath } = await school();
    await addStudents(api, ['Ana Silva']);
    const earlier = ok(await api.backupNow({}));
    await addStudents(api, ['Bruno Costa', 'Carla Dias'], 'T');
    const result = ok(await api.restoreBackup({ path: earlier.path }));
    expect(result).toMatchObject({
      restoredFrom: earlier.path,
      schoolName: 'Escola do Vale',
      schemaVersion: migrations.length,
      keptAside: { reason: 'before-restore' },
    });
    expect(students(dbPath)).toEqual(['Ana']);
    expect(students(result.keptAside.path)).toEqual(['Ana', 'Bruno', 'Carla']);
    // The backend works on the restored file: reads and writes.
    expect(ok(await api.listStudents({})).total).toBe(1);
    await addStudents(api, ['Duda Reis'], 'U');
    expect(students(dbPath)).toEqual(['Ana', 'Duda']);
    expect(backend.context.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // And undoing the restore is one more restore.
    ok(await api.restoreBackup({ path: result.keptAside.path }));
    expect(students(dbPath)).toEqual(['Ana', 'Bruno', 'Carla']);
  });

  it('restores the oldest backup kept, which keeping the current one aside must not prune', async () => {
    const { api, dbPath } = await school();
    ok(await api.saveBackupSettings({ everyHours: 24, keep: 1, folder: null }));
    await addStudents(api, ['Ana Silva']);
    const only = ok(await api.backupNow({}));
    await addStudents(api, ['Bruno Costa'], 'T');
    ok(await api.restoreBackup({ path: only.path }));
    expect(students(dbPath)).toEqual(['Ana']);
    // The next backup prunes as usual.
    ok(await api.backupNow({}));
    expect(ok(await api.listBackups({})).backups).toHaveLength(1);
  });

  it('refuses a damaged, newer, foreign or non-database file and changes nothing', async () => {
    const { api, dbPath, dir } = await school();
    await addStudents(api, ['Ana Silva']);
    const good = ok(await api.backupNow({}));
    const before = ok(await api.listBackups({})).backups.length;

    const damaged = join(dir, 'damaged.sqlite');
    copyFileSync(good.path, damaged);
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 4096 * 2);
    closeSync(fd);
    const newer = join(dir, 'newer.sqlite');
    copyFileSync(good.path, newer);
    const n = new Database(newer);
    n.prepare(
      "INSERT INTO knex_migrations (name, batch, migration_time) VALUES ('9999-from-the-future', 9, 0)",
    ).run();
    n.close();
    const notes = join(dir, 'notes.sqlite');
    copyFileSync(join(import.meta.dirname, 'backup-restore.test.ts'), notes);
    const other = await school(tempDir(), 'Another School');
    await addStudents(other.api, ['Zeca Alves']);
    const foreign = ok(await other.api.backupNow({}));

    const refusals = [
      [damaged, 'BACKUP_REFUSED', /damaged/],
      [newer, 'DATABASE_NEWER', /newer version of Beacon/],
      [foreign.path, 'BACKUP_REFUSED', /another school \(Another School\)/],
      [notes, 'BACKUP_REFUSED', /not a SQLite database|damaged/],
      [join(dir, 'missing.sqlite'), 'NOT_FOUND', /no backup file/],
    ] as const;
    for (const [path, code, message] of refusals) {
      const r = await api.restoreBackup({ path });
      expect(r, path).toMatchObject({ ok: false, code });
      if (!r.ok) expect(r.message, path).toMatch(message);
    }
    expect(students(dbPath)).toEqual(['Ana']);
    expect(ok(await api.listBackups({})).backups).toHaveLength(before);
  });

  it('is refused while another program has the database open, and nothing changes', async () => {
    const { api, dbPath } = await school();
    await addStudents(api, ['Ana Silva']);
    const earlier = ok(await api.backupNow({}));
    await addStudents(api, ['Bruno Costa'], 'T');
    const otherProgram = new Database(dbPath);
    otherProgram.prepare('SELECT count(*) FROM students').get();
    const r = await api.restoreBackup({ path: earlier.path });
    otherProgram.close();
    expect(r).toMatchObject({ ok: false, code: 'CONFLICT' });
    if (!r.ok) expect(r.message).toMatch(/Another Beacon program has the database open/);
    expect(students(dbPath)).toEqual(['Ana', 'Bruno']);
    expect(ok(await api.listStudents({})).total).toBe(2);
  });

  it('moves a school onto a fresh install, migrating a backup made by an older Beacon', async () => {
    const oldDir = tempDir();
    const oldFile = join(oldDir, 'from-the-old-laptop.sqlite');
    const old = await migrateTo(oldFile, migrations.length - 1);
    const { schoolId } = seedSchool(old, 'Escola Antiga');
    old.close();
    const fresh = await school(tempDir(), 'Placeholder');
    const moved = ok(await fresh.api.restoreBackup({ path: oldFile }));
    expect(moved).toMatchObject({ schoolName: 'Escola Antiga', schemaVersion: migrations.length });
    expect(ok(await fresh.api.getSchool({}))?.id).toBe(schoolId);
    expect(students(fresh.dbPath)).toEqual(['Ada']);
    expect(readFileSync(oldFile).length).toBeGreaterThan(0);
  });

  it('backs up and restores an encrypted database, which stays encrypted', async () => {
    const { api, dbPath } = await school();
    await addStudents(api, ['Ana Silva']);
    ok(await api.encryptDatabase({}));
    const backup = ok(await api.backupNow({}));
    expect(backup.encrypted).toBe(true);
    expect(readFileSync(backup.path).includes('Escola do Vale')).toBe(false);
    await addStudents(api, ['Bruno Costa'], 'T');
    ok(await api.restoreBackup({ path: backup.path }));
    expect(ok(await api.listStudents({})).total).toBe(1);
    expect(readFileSync(dbPath).includes('Escola do Vale')).toBe(false);
  });
});

describe('before a migration', () => {
  it('keeps a backup of the database as the older Beacon left it', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'beacon.sqlite');
    const old = await migrateTo(dbPath, migrations.length - 1);
    seedSchool(old);
    old.close();
    const backend = await startBackend({ dbPath, secrets: fileSecretStore(join(dir, 'secrets')) });
    afterTest(() => backend.close());
    const list = ok(await inProcessApi(backend, systemSession).listBackups({}));
    expect(list.backups.map((b) => b.reason)).toEqual(['before-migration']);
    const copy = new Database(list.backups[0]?.path ?? '', { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM knex_migrations').pluck().get()).toBe(
      migrations.length - 1,
    );
    copy.close();
  });
});
