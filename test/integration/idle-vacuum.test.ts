import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db';
import {
  autoVacuumMode,
  convertToIncrementalVacuum,
  reclaimFreePages,
  RECLAIM_MIN_FREE_BYTES,
} from '../../db/vacuum';
import { startBackend } from '../../main/backend/backend';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();
const fixture = join(import.meta.dirname, '../fixtures/school-0008/school-0008.sqlite.gz');

const INCREMENTAL = 2;
const pragma = (db: Db, name: string) => db.pragma(name, { simple: true }) as number;

/** `megabytes` of rows in a table of their own, then all deleted: that much lands in the freelist. */
function fillAndDelete(db: Db, megabytes: number): void {
  db.exec('CREATE TABLE scratch (b BLOB)');
  const insert = db.prepare('INSERT INTO scratch (b) VALUES (?)');
  const row = Buffer.alloc(2000, 7);
  db.transaction(() => {
    for (let i = 0; i < megabytes * 500; i++) insert.run(row);
  })();
  db.exec('DELETE FROM scratch');
}

async function openedFile(): Promise<Db> {
  const { db } = await openDatabase(join(tempDir(), 'beacon.sqlite'));
  afterTest(() => db.close());
  return db;
}

describe('handing deleted space back to the disk', () => {
  it('shrinks the file once requests pause after many rows were deleted', async () => {
    const dbPath = join(tempDir(), 'beacon.sqlite');
    const backend = await startBackend({ dbPath, logDir: null });
    afterTest(() => backend.close());
    const db = backend.context.db;
    expect(pragma(db, 'auto_vacuum')).toBe(INCREMENTAL);
    fillAndDelete(db, 24);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = pragma(db, 'page_size');
    expect(pragma(db, 'freelist_count') * pageSize).toBeGreaterThan(20 * 1024 * 1024);
    const sizeBefore = statSync(dbPath).size;
    // Nobody asks anything: the idle timer gives the free pages back, a bounded step a second.
    await expect
      .poll(() => pragma(db, 'freelist_count') * pageSize, { timeout: 20_000, interval: 250 })
      .toBeLessThan(RECLAIM_MIN_FREE_BYTES);
    await expect
      .poll(() => statSync(dbPath).size, { timeout: 10_000, interval: 250 })
      .toBeLessThan(sizeBefore - 16 * 1024 * 1024);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
  });

  it('moves at most one step at a time, and leaves a little free space alone', async () => {
    const db = await openedFile();
    fillAndDelete(db, 6);
    const pageSize = pragma(db, 'page_size');
    const free = pragma(db, 'freelist_count');
    const step = 1024 * 1024;
    expect(reclaimFreePages(db, { stepBytes: step })).toBe(step / pageSize);
    expect(pragma(db, 'freelist_count')).toBe(free - step / pageSize);
    // Under the threshold: nothing moves.
    const left = pragma(db, 'freelist_count');
    expect(reclaimFreePages(db, { minFreeBytes: (left + 1) * pageSize })).toBe(0);
    expect(pragma(db, 'freelist_count')).toBe(left);
  });

  it('skips a step, without waiting, while another connection writes', async () => {
    const dbPath = join(tempDir(), 'beacon.sqlite');
    const { db } = await openDatabase(dbPath);
    afterTest(() => db.close());
    fillAndDelete(db, 6);
    const free = pragma(db, 'freelist_count');
    const other = new Database(dbPath);
    afterTest(() => other.close());
    other.exec('BEGIN IMMEDIATE');
    expect(reclaimFreePages(db)).toBe(0);
    expect(pragma(db, 'busy_timeout')).toBe(5000);
    other.exec('ROLLBACK');
    expect(pragma(db, 'freelist_count')).toBe(free);
    expect(reclaimFreePages(db)).toBeGreaterThan(0);
  });

  it('converts a file of the old mode once, after migrating it, keeping every row', async () => {
    const dbPath = join(tempDir(), 'school.sqlite');
    writeFileSync(dbPath, gunzipSync(readFileSync(fixture)));
    const old = new Database(dbPath, { readonly: true });
    expect(pragma(old, 'auto_vacuum')).toBe(0);
    const students = old.prepare('SELECT * FROM students ORDER BY id').all();
    old.close();
    const backend = await startBackend({ dbPath, logDir: null });
    afterTest(() => backend.close());
    const db = backend.context.db;
    expect(pragma(db, 'auto_vacuum')).toBe(INCREMENTAL);
    // The VACUUM gave back at once what the migration freed (the old attendance and audit rows).
    expect(pragma(db, 'freelist_count')).toBe(0);
    expect(db.prepare('SELECT id, first_name, last_name FROM students ORDER BY id').all()).toEqual(
      (students as Record<string, unknown>[]).map(({ id, first_name, last_name }) => ({
        id,
        first_name,
        last_name,
      })),
    );
    // The backup taken before migrating is the file as it was.
    const backups = backend.context.backups.list().backups;
    expect(backups.map((b) => b.reason)).toEqual(['before-migration']);
    const backup = new Database(backups[0]!.path, { readonly: true });
    expect(pragma(backup, 'auto_vacuum')).toBe(0);
    backup.close();
  });

  it('leaves an old-mode file as it was, and usable, when the conversion fails', async () => {
    const dbPath = join(tempDir(), 'old.sqlite');
    const db = new Database(dbPath);
    afterTest(() => db.close());
    db.exec('CREATE TABLE t (x)');
    db.prepare('INSERT INTO t VALUES (1)').run();
    // VACUUM cannot run inside a transaction: the conversion throws and changes nothing.
    db.exec('BEGIN');
    expect(() => convertToIncrementalVacuum(db)).toThrow(/VACUUM/);
    db.exec('ROLLBACK');
    expect(pragma(db, 'auto_vacuum')).toBe(0);
    expect(db.prepare('SELECT x FROM t').pluck().all()).toEqual([1]);
    expect(convertToIncrementalVacuum(db)).toBe(true);
    expect(autoVacuumMode(db)).toBe(INCREMENTAL);
    expect(convertToIncrementalVacuum(db)).toBe(false);
  });
});
