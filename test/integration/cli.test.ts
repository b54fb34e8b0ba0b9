import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations';
import { runCli } from '../support/run-cli';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('beacon CLI', () => {
  it('prints help listing its commands', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: beacon <command>/);
    expect(r.stdout).toMatch(/info/);
  });

  it('refuses an unknown command or flag with exit code 2', () => {
    expect(runCli(['frobnicate']).code).toBe(2);
    const r = runCli(['info', '--dbb', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--dbb/);
  });

  it('info creates a migrated database and prints its schema version', () => {
    const db = join(tempDir(), 'nested', 'school.sqlite');
    const r = runCli(['info', '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`schema version ${migrations.length}`);
    expect(existsSync(db)).toBe(true);
    const json = runCli(['info', '--db', db, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ schemaVersion: migrations.length });
  });

  it('refuses a database from a newer Beacon and leaves it byte-for-byte unchanged', () => {
    const path = join(tempDir(), 'school.sqlite');
    expect(runCli(['info', '--db', path]).code).toBe(0);
    const db = new Database(path);
    db.prepare(
      "INSERT INTO knex_migrations (name, batch, migration_time) VALUES ('9999-from-the-future', 9, 0)",
    ).run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = sha(path);
    const r = runCli(['info', '--db', path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `This database was written by a newer version of Beacon (schema ${migrations.length + 1}); install the newer version.`,
    );
    expect(sha(path)).toBe(before);
  });

  it('refuses a file that is not a database, without touching it', () => {
    const path = join(tempDir(), 'notes.sqlite');
    writeFileSync(path, 'these are my lesson notes, not a database'.repeat(100));
    const before = sha(path);
    const r = runCli(['info', '--db', path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not a Beacon database or is damaged/);
    expect(sha(path)).toBe(before);
  });
});
