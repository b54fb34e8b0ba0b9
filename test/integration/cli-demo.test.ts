import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

describe('beacon demo', () => {
  it('loads a demo school, trains, and prints the metrics and the 20 highest-risk students', () => {
    const db = join(tempDir(), 'demo.sqlite');
    const r = runCli([
      'demo',
      '--db',
      db,
      '--students',
      '150',
      '--years',
      '3',
      '--seed',
      '2',
      '--today',
      '2026-11-29',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Wrote \d+ students, \d+ classes, \d+ attendance records/);
    expect(r.stdout).toMatch(/is champion: first model for this school/);
    expect(r.stdout).toMatch(/held-out ROC-AUC 0\.\d{3}, PR-AUC 0\.\d{3}, Brier 0\.\d{3}/);
    expect(r.stdout).toMatch(/fairness by sex: largest gap (tpr|fpr)/);
    const students = r.stdout
      .split('\n')
      .filter((l) => /^\s+\d+% (high|medium|low)\s+D\d{5} /.test(l));
    expect(students).toHaveLength(20);
    expect(r.stdout).toMatch(/\(school median [^)]+\)/);
    // A second load into the same file is refused: real records are never mixed with invented ones.
    const again = runCli(['demo', '--db', db, '--students', '150']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds \d+ students/);
  }, 180_000);

  it('refuses sizes it cannot simulate, naming the flag', () => {
    const r = runCli(['demo', '--db', join(tempDir(), 'x.sqlite'), '--students', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--students must be a whole number/);
  });
});
