import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../db';
import { centralMigrations } from '../../main/backend/central/migrations';
import { runCli } from '../support/run-cli';
import { useTempDir } from '../support/temp-dir';
import { asAdmin, usePgDatabase } from './pg-test-db';

const newDatabase = usePgDatabase();
const tempDir = useTempDir();

describe('beacon central and beacon sync', () => {
  it('sets up a district, adds a school once, and a laptop connects and syncs with the file and code', async () => {
    const url = await newDatabase();
    const dir = tempDir();
    process.env.XDG_CONFIG_HOME = join(dir, 'config');
    try {
      const init = runCli(['central', 'init', '--url', url]);
      expect(init.stderr).toBe('');
      expect(init.stdout).toContain(`is ready (schema ${centralMigrations.length}`);
      expect(init.stdout).toContain('TLS: disable');

      const file = join(dir, 'vale.beacon-connection');
      const added = runCli([
        'central',
        'add-school',
        '--url',
        url,
        '--school',
        'VALE',
        '--out',
        file,
      ]);
      expect(added.code).toBe(0);
      const code = /^\s+([A-Z0-9]{5}(?:-[A-Z0-9]{5}){3})$/m.exec(added.stdout)?.[1];
      expect(code).toBeDefined();
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const text = readFileSync(file, 'utf8');
      expect(JSON.parse(text).password).toHaveProperty('tag');

      const again = runCli([
        'central',
        'add-school',
        '--url',
        url,
        '--school',
        'VALE',
        '--out',
        join(dir, 'x'),
      ]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(
        'School VALE already has an account on this server; nothing was changed.',
      );

      const db = join(dir, 'laptop.sqlite');
      // A small demo school: too small to train a model (the command says so), enough to sync.
      runCli(['demo', '--db', db, '--students', '40', '--years', '2']);
      const local = openSqlite(db, { readonly: true });
      const onLaptop = local.prepare('SELECT count(*) FROM students').pluck().get() as number;
      local.close();
      expect(onLaptop).toBeGreaterThanOrEqual(40);
      const wrong = runCli([
        'sync',
        '--db',
        db,
        '--connect',
        file,
        '--code',
        'AAAAA-AAAAA-AAAAA-AAAAA',
      ]);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('The enrolment code does not open this connection file');

      const synced = runCli(['sync', '--db', db, '--connect', file, '--code', code!]);
      expect(synced.stderr).toBe('');
      expect(synced.stdout).toMatch(
        /Connected to 127\.0\.0\.1 as school VALE\.\nSynced: sent \d+ rows/,
      );
      const students = await asAdmin(url, (c) =>
        c.query<{ n: number }>('SELECT count(*)::int AS n FROM students'),
      );
      expect(students.rows[0]?.n).toBe(onLaptop);

      const status = runCli(['sync', '--db', db, '--status']);
      expect(status.stdout).toContain('pending        0 changes');
      expect(status.stdout).toMatch(/last success +\d{4}-/);
      const central = runCli(['central', 'status', '--url', url]);
      expect(central.stdout).toMatch(new RegExp(`VALE .* ${onLaptop} students {2}syncing`));
      const secret = join(dir, 'config', 'Beacon', 'secrets', 'sync-password.enc');
      expect(statSync(secret).mode & 0o777).toBe(0o600);
      expect(readFileSync(db).includes(readFileSync(secret))).toBe(false);
    } finally {
      delete process.env.XDG_CONFIG_HOME;
    }
  }, 120_000);
});
