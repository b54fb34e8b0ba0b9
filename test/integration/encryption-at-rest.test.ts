import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { isEncryptedFile, openDatabase, openSqlite, rememberDatabaseKey } from '../../db';
import { copyDatabase, encryptInPlace, newDatabaseKey } from '../../db/encryption';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

const PLAIN_HEADER = 'SQLite format 3\0';
const header = (path: string) => readFileSync(path).subarray(0, 16).toString('latin1');

/** A migrated database holding a school whose name must never be readable without the key. */
async function schoolDatabase() {
  const path = join(tempDir(), 'school.sqlite');
  const opened = await openDatabase(path);
  opened.db
    .prepare(
      "INSERT INTO schools (id, name, updated_at) VALUES ('s1', 'Zebra Crossing Academy', 'x')",
    )
    .run();
  afterTest(() => {
    rememberDatabaseKey(path, null);
    if (opened.db.open) opened.db.close();
  });
  return { path, db: opened.db };
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'no error';
};

describe('encryption at rest', () => {
  it('encrypts an existing database in place; nothing of it is readable without the key', async () => {
    const { path, db } = await schoolDatabase();
    expect(header(path)).toBe(PLAIN_HEADER);
    const key = newDatabaseKey();
    encryptInPlace(db, path, key);

    // The open connection carries on, keyed, in WAL mode.
    expect(db.prepare('SELECT name FROM schools').pluck().get()).toBe('Zebra Crossing Academy');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(isEncryptedFile(path)).toBe(true);
    expect(header(path)).not.toBe(PLAIN_HEADER);
    expect(readFileSync(path).includes('Zebra Crossing')).toBe(false);

    expect(codeOf(() => openSqlite(path, { key: null }))).toBe('DATABASE_ENCRYPTED');
    expect(codeOf(() => openSqlite(path, { key: newDatabaseKey() }))).toBe('DATABASE_ENCRYPTED');
    const reopened = openSqlite(path, { key });
    expect(reopened.prepare('SELECT name FROM schools').pluck().get()).toBe(
      'Zebra Crossing Academy',
    );
    reopened.close();
  });

  it('the whole backend path (history check, knex migrations, the hot handle) opens it with the remembered key', async () => {
    const { path, db } = await schoolDatabase();
    const key = newDatabaseKey();
    encryptInPlace(db, path, key);
    db.close();

    rememberDatabaseKey(path, null);
    await expect(openDatabase(path)).rejects.toMatchObject({ code: 'DATABASE_ENCRYPTED' });

    rememberDatabaseKey(path, key);
    const opened = await openDatabase(path);
    expect(opened.db.prepare('SELECT count(*) FROM schools').pluck().get()).toBe(1);
    opened.db.close();
  });

  it('a worker thread started afterwards inherits the key, never through process.env', async () => {
    const { path, db } = await schoolDatabase();
    const key = newDatabaseKey();
    encryptInPlace(db, path, key);
    expect(JSON.stringify(process.env)).not.toContain(key);
    const driver = new URL('../../db/driver.ts', import.meta.url).href;
    const boot = `
      const { parentPort, workerData } = require('node:worker_threads');
      import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(driver)}); })
        .then(({ openSqlite }) => {
          const db = openSqlite(workerData, { readonly: true });
          parentPort.postMessage(db.prepare('SELECT name FROM schools').pluck().get());
          db.close();
        }, (err) => parentPort.postMessage('failed: ' + err.message));`;
    const worker = new Worker(boot, { eval: true, workerData: path });
    const answer = await new Promise((resolve) => worker.once('message', resolve));
    await worker.terminate();
    expect(answer).toBe('Zebra Crossing Academy');
  });

  it('refuses to encrypt while another connection has the file open, and leaves it plain', async () => {
    const { path, db } = await schoolDatabase();
    const other = openSqlite(path);
    other.prepare('SELECT count(*) FROM schools').get();
    db.pragma('busy_timeout = 0');
    expect(() => encryptInPlace(db, path, newDatabaseKey())).toThrow(
      /Another program has the database open/,
    );
    other.close();
    expect(header(path)).toBe(PLAIN_HEADER);
    expect(db.prepare('SELECT count(*) FROM schools').pluck().get()).toBe(1);
  });

  it('refuses to encrypt twice', async () => {
    const { path, db } = await schoolDatabase();
    encryptInPlace(db, path, newDatabaseKey());
    expect(codeOf(() => encryptInPlace(db, path, newDatabaseKey()))).toBe('CONFLICT');
  });

  it('a copy of an encrypted database is encrypted with the same key', async () => {
    const { path, db } = await schoolDatabase();
    const key = newDatabaseKey();
    encryptInPlace(db, path, key);
    db.prepare("UPDATE schools SET name = 'Yak Valley College'").run(); // still in the WAL
    const copy = join(tempDir(), 'backup.sqlite');
    copyDatabase(db, copy);

    expect(readFileSync(copy).includes('Yak Valley')).toBe(false);
    expect(codeOf(() => openSqlite(copy, { key: null }))).toBe('DATABASE_ENCRYPTED');
    const restored = openSqlite(copy, { key });
    expect(restored.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    expect(restored.prepare('SELECT name FROM schools').pluck().get()).toBe('Yak Valley College');
    restored.close();
  });

  it('a copy of a plain database is plain, and an existing file is never overwritten', async () => {
    const { db } = await schoolDatabase();
    const copy = join(tempDir(), 'backup.sqlite');
    copyDatabase(db, copy);
    expect(header(copy)).toBe(PLAIN_HEADER);
    writeFileSync(copy, 'keep me');
    expect(codeOf(() => copyDatabase(db, copy))).toBe('CONFLICT');
    expect(readFileSync(copy, 'utf8')).toBe('keep me');
  });
});
