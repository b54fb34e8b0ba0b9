import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { seedSchool } from '../support/school';
import { runCli } from '../support/run-cli';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

describe('beacon backup and beacon restore', () => {
  it(
    'backs up to a folder, lists, and restores with a clear refusal for a bad file',
    { timeout: 180_000 },
    () => {
      const dir = tempDir();
      const db = join(dir, 'beacon.sqlite');
      expect(runCli(['info', '--db', db]).code).toBe(0);
      const raw = new Database(db);
      seedSchool(raw, 'Escola do Vale');
      raw.close();

      const usb = join(dir, 'usb');
      const made = runCli(['backup', '--db', db, '--folder', usb]);
      expect(made.stderr).toBe('');
      expect(made.code).toBe(0);
      const path = /Backed up to (\S+) /.exec(made.stdout)?.[1] ?? '';
      expect(path.startsWith(usb)).toBe(true);

      expect(runCli(['backup', '--db', db]).code).toBe(0);
      const list = runCli(['backup', '--db', db, '--list']);
      expect(list.stdout).toMatch(/manual/);
      expect(list.stdout).toContain(join(dir, 'backups'));

      const restored = runCli(['restore', path, '--db', db]);
      expect(restored.stderr).toBe('');
      expect(restored.stdout).toMatch(/Restored Escola do Vale from/);
      expect(restored.stdout).toMatch(/kept as .*before-restore\.sqlite/);

      const refused = runCli(['restore', join(dir, 'nothing-here.sqlite'), '--db', db]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/There is no backup file at/);
      expect(runCli(['restore', '--db', db]).code).toBe(2);
    },
  );
});
