import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { localToday, startBackend } from '../../main/backend/backend';
import { loadDemoSchool } from '../../main/backend/demo/load-demo';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';
import { csvOf, ok } from '../support/school';
import { runCli } from '../support/run-cli';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const password = 'correct horse battery';

/** A folder with a password file, and the path the school's database will take in it. */
function newcomer() {
  const dir = tempDir();
  const passwordFile = join(dir, 'password.txt');
  writeFileSync(passwordFile, `${password}\n`);
  return { dir, db: join(dir, 'school.sqlite'), passwordFile };
}

const query = (path: string, sql: string): unknown[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};

describe('beacon setup: a school started from the command line', () => {
  it(
    'creates the school and its first administrator, with the password never an argument',
    { timeout: 180_000 },
    () => {
      const n = newcomer();
      const setup = runCli([
        'setup',
        '--db',
        n.db,
        '--school',
        'Escola Básica do Monte',
        '--admin',
        'Ana.Lopes',
        '--timezone',
        'Europe/Lisbon',
        '--start-month',
        '9',
        '--password-file',
        n.passwordFile,
      ]);
      expect(setup.stderr).toBe('');
      expect(setup.code).toBe(0);
      expect(setup.stdout).toContain('Set up Escola Básica do Monte');
      expect(query(n.db, 'SELECT name, timezone, school_year_start_month FROM schools')).toEqual([
        { name: 'Escola Básica do Monte', timezone: 'Europe/Lisbon', school_year_start_month: 9 },
      ]);
      expect(query(n.db, 'SELECT username, role FROM users')).toEqual([
        { username: 'ana.lopes', role: 'admin' },
      ]);
      expect(readFileSync(n.db).includes(password)).toBe(false);

      const again = runCli([
        'setup',
        '--db',
        n.db,
        '--school',
        'Other',
        '--admin',
        'rui',
        '--password-file',
        n.passwordFile,
      ]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already set up');
    },
  );

  it(
    'refuses a password given as an argument, no way to ask for one, and bad options',
    { timeout: 300_000 },
    () => {
      const n = newcomer();
      const base = ['setup', '--db', n.db, '--school', 'Escola', '--admin', 'ana'];
      const cases: [string[], RegExp][] = [
        [[...base, password], /a password is never an argument/],
        [base, /no terminal to ask for the password on: give --password-file FILE/],
        [[...base, '--timezone', 'Mars/Olympus', '--password-file', n.passwordFile], /--timezone/],
        [[...base, '--start-month', '13', '--password-file', n.passwordFile], /--start-month/],
        [
          ['setup', '--db', n.db, '--school', 'Escola', '--admin', 'a'],
          /--admin must be at least 3/,
        ],
      ];
      for (const [args, message] of cases) {
        const r = runCli(args, '');
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr).toMatch(message);
      }
      // Every refusal comes before the database is touched: not even an empty file is left.
      expect(existsSync(n.db)).toBe(false);
    },
  );
});

/**
 * A school's own spreadsheets, made by exporting a simulated school (300 students over three
 * school years, with the students who left and when): what a newcomer brings to Beacon.
 */
async function spreadsheets(dir: string): Promise<Record<string, string>> {
  const source = await startBackend({ dbPath: join(dir, 'source.sqlite') });
  try {
    loadDemoSchool(
      source.context.db,
      { students: 300, years: 3, seed: 3, today: localToday() },
      null,
    );
    const api = inProcessApi(source, systemSession);
    const files: Record<string, string> = {};
    for (const kind of ['students', 'attendance', 'incidents'] as const) {
      files[kind] = join(dir, `${kind}.csv`);
      writeFileSync(files[kind], csvOf(ok(await api.exportRecords({ kind, separator: ';' }))));
    }
    return files;
  } finally {
    await source.close();
  }
}

describe("a newcomer's path: setup, import the school's spreadsheets, train", () => {
  it(
    'ends with a trained model and risk scores with reasons, all through the CLI',
    { timeout: 900_000 },
    async () => {
      const n = newcomer();
      const files = await spreadsheets(n.dir);
      const step = (args: string[]) => {
        const r = runCli(args);
        expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
        return r.stdout;
      };
      step([
        'setup',
        '--db',
        n.db,
        '--school',
        'Escola Nova',
        '--admin',
        'ana',
        '--password-file',
        n.passwordFile,
      ]);
      for (const kind of ['students', 'attendance', 'incidents']) {
        const out = step(['import', '--db', n.db, '--kind', kind, files[kind] as string]);
        expect(out).toMatch(/^Imported: /);
      }
      const left = query(
        n.db,
        "SELECT count(*) AS n FROM student_status_changes WHERE status = 'dropped_out'",
      ) as { n: number }[];
      expect(left[0]?.n).toBeGreaterThan(5);
      const trained = step(['train', '--db', n.db]);
      expect(trained).toMatch(/Model \S+ \(\w+\) is (champion|challenger)/);
      const risk = join(n.dir, 'risk.csv');
      step(['export', '--db', n.db, '--kind', 'risk_scores', '--out', risk]);
      const lines = readFileSync(risk, 'utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe(
        'student_number,class,score,tier,score_text,reasons,data_gaps,scored_at',
      );
      expect(lines.length).toBeGreaterThan(100);
    },
  );
});
