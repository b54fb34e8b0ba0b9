import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

/** One line on stderr, no stack trace, nothing on stdout. */
function expectOneLine(r: ReturnType<typeof runCli>, words: RegExp) {
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(words);
  expect(r.stderr).not.toMatch(/\bat .*\.[jt]s:\d+|node:fs|Error:/);
}

describe('beacon CLI with files it cannot use', () => {
  let dir: string;
  let db: string;
  // One school for every case (each CLI run costs seconds); the cases only read it.
  beforeAll(() => {
    const home = mkdtempSync(join(tmpdir(), 'beacon-cli-files-'));
    db = join(home, 'school.sqlite');
    writeFileSync(join(home, 'password'), 'correct horse battery staple\n');
    const made = runCli([
      'setup',
      '--db',
      db,
      '--school',
      'Test School',
      '--admin',
      'admin',
      '--password-file',
      join(home, 'password'),
    ]);
    expect(made.stderr).toBe('');
    return () => rmSync(home, { recursive: true, force: true });
  });
  beforeEach(() => {
    dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'a file, not a folder');
    mkdirSync(join(dir, 'reports'));
  });

  const exportTo = (out: string) =>
    runCli(['export', '--db', db, '--kind', 'students', '--out', out]);
  const leftovers = () => readdirSync(dir).filter((f) => f.includes('.part'));

  it('export to a folder that does not exist names the file and the cause', () => {
    const out = join(dir, 'missing', 'students.csv');
    const r = exportTo(out);
    expect(r.code).toBe(1);
    expectOneLine(r, new RegExp(`^Cannot write ${out}: no such file or folder\\.$`));
  });

  it('export onto a folder refuses, and leaves the folder and no temporary file', () => {
    const out = join(dir, 'reports');
    const r = exportTo(out);
    expect(r.code).toBe(1);
    expectOneLine(r, new RegExp(`^Cannot write ${out}: it is a folder, not a file\\.$`));
    expect(readdirSync(out)).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it('export under a file (a path that cannot be written) refuses in one line', () => {
    const out = join(dir, 'notes.txt', 'students.csv');
    const r = exportTo(out);
    expect(r.code).toBe(1);
    expectOneLine(r, /^Cannot write .*notes\.txt\/students\.csv: part of the path is a file/);
  });

  it('import of a missing file, or of a folder, says which and why', () => {
    const missing = runCli(['import', '--db', db, '--kind', 'students', join(dir, 'no.csv')]);
    expect(missing.code).toBe(1);
    expectOneLine(missing, /^Cannot read .*no\.csv: no such file or folder\.$/);
    const folder = runCli(['import', '--db', db, '--kind', 'students', join(dir, 'reports')]);
    expect(folder.code).toBe(1);
    expectOneLine(folder, /^Cannot read .*reports: it is a folder, not a file\.$/);
  });

  it('an import report that cannot be written names the report file', () => {
    const csv = join(dir, 'students.csv');
    expect(exportTo(csv).code).toBe(0);
    const report = join(dir, 'reports');
    const r = runCli([
      'import',
      '--db',
      db,
      '--kind',
      'students',
      '--dry-run',
      '--report',
      report,
      csv,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd()).toBe(`Cannot write ${report}: it is a folder, not a file.`);
  });

  it('a folder given as the database, or a database under a file, is one line', () => {
    const folder = runCli(['info', '--db', join(dir, 'reports')]);
    expect(folder.code).toBe(1);
    expectOneLine(folder, /^Cannot open .*reports: it is a folder, not a database file\.$/);
    const under = runCli(['info', '--db', join(dir, 'notes.txt', 'school.sqlite')]);
    expect(under.code).toBe(1);
    expectOneLine(under, /^Cannot make the folder .*notes\.txt: a file has that name\.$/);
  });

  it('a backup folder that is a file is refused in words, not as an internal error', () => {
    const r = runCli(['backup', '--db', db, '--folder', join(dir, 'notes.txt')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd()).toMatch(
      /^The backup folder .*notes\.txt cannot be made: a file has that name/,
    );
  });

  it('a bad flag names the flag in one sentence, then the usage', () => {
    const r = runCli(['export', '--db', db, '--kindd', 'students']);
    expect(r.code).toBe(2);
    const [first, usage, ...rest] = r.stderr.trimEnd().split('\n');
    expect(first).toBe("Unknown option '--kindd'.");
    expect(usage).toMatch(/^Usage: beacon export /);
    expect(rest).toEqual([]);
  });
});
