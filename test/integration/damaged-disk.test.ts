import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../../main/backend/backend';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';
import { canMount, mountSmallDisk, runCliAsUser, userHome } from '../support/damaged-disk';
import { ok } from '../support/school';
import { runCli } from '../support/run-cli';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

/** A closed database with a school and three students, in `dir`. */
async function schoolFile(dir: string, name = 'beacon.sqlite'): Promise<string> {
  const path = join(dir, name);
  const b = await startBackend({ dbPath: path });
  const api = inProcessApi(b, systemSession);
  ok(await api.saveSchoolProfile({ name: 'Escola do Vale' }));
  for (const n of [1, 2, 3]) {
    ok(await api.createStudent({ studentNumber: `S${n}`, firstName: 'Ana', lastName: `Lima${n}` }));
  }
  await b.close();
  return path;
}

describe('a read-only database', () => {
  it('a read-only file: info and export work, a change says the file is read-only', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o777);
    afterTest(() => chmodSync(dir, 0o700));
    const path = await schoolFile(dir);
    chmodSync(path, 0o444);
    const home = userHome(tempDir());
    const info = runCliAsUser(['info', '--db', path], home);
    expect(info.stderr).toBe('');
    expect(info.code).toBe(0);
    expect(info.stdout).toMatch(/students\s+3/);
    const out = join(home, 'students.csv');
    const exported = runCliAsUser(
      ['export', '--db', path, '--kind', 'students', '--out', out],
      home,
    );
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Lima3');
    const csv = join(home, 'more.csv');
    writeFileSync(csv, 'student_number,first_name,last_name\nS4,Beto,Dias\n');
    const imported = runCliAsUser(['import', '--db', path, '--kind', 'students', csv], home);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/the file .* is read-only/);
    expect(imported.stderr).not.toMatch(/at .*\.[jt]s:\d+/);
  }, 60_000);

  it('a read-only folder: a clear message, never "knex migrate:unlock" or "damaged"', async () => {
    const dir = tempDir();
    const path = await schoolFile(dir);
    chmodSync(path, 0o444);
    chmodSync(dir, 0o555);
    afterTest(() => chmodSync(dir, 0o755));
    const r = runCliAsUser(['info', '--db', path], userHome(tempDir()));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the folder .* is read-only/);
    expect(r.stderr).not.toMatch(/migrate:unlock|damaged|MigrationLocked/);
  }, 60_000);
});

describe('a full disk', () => {
  it('a write that needs more pages than the disk has answers DISK_FULL, and the backend keeps running', async () => {
    const dir = tempDir();
    const b = await startBackend({ dbPath: join(dir, 'beacon.sqlite') });
    afterTest(() => b.close());
    const api = inProcessApi(b, systemSession);
    ok(await api.saveSchoolProfile({ name: 'Escola do Vale' }));
    const db = b.context.db;
    db.pragma('wal_checkpoint(TRUNCATE)');
    // Fault injection through the real driver: the file may not grow by one more page.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const rows = Array.from({ length: 2000 }, (_, i) => `S${i},Ana,${'Lima'.repeat(20)}${i}`);
    const file = {
      name: 'students.csv',
      bytes: new TextEncoder().encode(`student_number,first_name,last_name\n${rows.join('\n')}`),
    };
    const r = await api.runImport({ kind: 'students', file });
    expect(r).toMatchObject({
      ok: false,
      code: 'DISK_FULL',
      message: expect.stringMatching(/is full.*Free at least \d+ MB/) as string,
    });
    expect(db.prepare('SELECT count(*) FROM students').pluck().get()).toBe(0);
    expect(await api.health({})).toMatchObject({ ok: true });
  });

  it.skipIf(!canMount())(
    'on a really full disk, info works and an import says how much space to free',
    async () => {
      const disk = join(tempDir(), 'disk');
      const unmount = mountSmallDisk(disk, 2_000_000);
      afterTest(unmount);
      const path = await schoolFile(disk);
      const filler = join(disk, 'filler');
      // Full but for 200 KB: the database opens, the import needs more than that.
      spawnSync('sh', ['-c', `cat /dev/zero > ${filler}`]);
      spawnSync('truncate', ['-s', '-200K', filler]);
      const info = runCli(['info', '--db', path]);
      expect(info.stderr).toBe('');
      expect(info.code).toBe(0);
      const csv = join(tempDir(), 'more.csv');
      const rows = Array.from(
        { length: 3000 },
        (_, i) => `N${i},${'Beto'.repeat(20)},${'Dias'.repeat(20)}`,
      );
      writeFileSync(csv, `student_number,first_name,last_name\n${rows.join('\n')}\n`);
      const imported = runCli(['import', '--db', path, '--kind', 'students', csv]);
      expect(imported.code).toBe(1);
      expect(imported.stderr).toMatch(
        /The disk holding the database .* is full .*Free at least \d+ MB/,
      );
      expect(imported.stderr).not.toMatch(/SqliteError|at .*\.[jt]s:\d+/);
      const db = new Database(path, { readonly: true });
      expect(db.prepare('SELECT count(*) FROM students').pluck().get()).toBe(3);
      db.close();
    },
    60_000,
  );
});

describe('a damaged file', () => {
  it('refuses at start, pointing to the latest backup, instead of "Something went wrong"', async () => {
    const dir = tempDir();
    const path = join(dir, 'beacon.sqlite');
    const b = await startBackend({ dbPath: path });
    const api = inProcessApi(b, systemSession);
    ok(await api.saveSchoolProfile({ name: 'Escola do Vale' }));
    const db = b.context.db;
    db.exec('CREATE TABLE padding (x TEXT)');
    const insert = db.prepare('INSERT INTO padding VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run('x'.repeat(1000));
    })();
    expect(ok(await api.checkDatabase({}))).toMatchObject({ ok: true, problems: [] });
    await b.close();
    const damaged = join(dir, 'damaged.sqlite');
    copyFileSync(path, damaged);
    const size = statSync(damaged).size;
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(1_000_000), 0, 1_000_000, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    await expect(startBackend({ dbPath: damaged })).rejects.toMatchObject({
      code: 'DATABASE_DAMAGED',
      message: expect.stringContaining('Restore your latest backup') as string,
    });
    const r = runCli(['info', '--db', damaged]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is damaged .*Restore your latest backup/);
  }, 60_000);
});
