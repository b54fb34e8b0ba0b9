import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const por = fileURLToPath(
  new URL('../../../shared/datasets/student-por-fail.csv', import.meta.url),
);

function bench(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/model.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bench:model', () => {
  it('cross-validates the Portuguese data (setting A) and prints one JSON line', () => {
    const r = bench([
      '--csv',
      por,
      '--target',
      'fail',
      '--positive',
      'yes',
      '--exclude',
      'G3',
      '--sep',
      ';',
      '--folds',
      '3',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining([
        'rows',
        'features',
        'folds',
        'auc_mean',
        'auc_std',
        'pr_auc_mean',
        'brier_mean',
        'fit_seconds_mean',
        'predict_ms_per_1000',
        'model',
      ]),
    );
    expect(out).toMatchObject({ rows: 649, features: 32, folds: 3 });
    expect(out.auc_mean).toBeGreaterThan(0.8);
    expect(out.auc_mean).toBeLessThanOrEqual(1);
    expect(['logistic', 'mlp', 'forest', 'boosting', 'ensemble']).toContain(out.model);
  }, 120_000);

  it('ends bad arguments with a clear message and exit code 2', () => {
    const cases: [string[], RegExp][] = [
      [
        ['--csv', '/nonexistent.csv', '--target', 'fail', '--positive', 'yes'],
        /There is no file at \/nonexistent\.csv/,
      ],
      [
        ['--csv', por, '--target', 'nope', '--positive', 'yes', '--sep', ';'],
        /no column "nope" to predict/,
      ],
      [['--csv', por, '--target', 'fail', '--positive', 'maybe', '--sep', ';'], /only one class/],
      [
        ['--csv', por, '--target', 'fail', '--positive', 'yes', '--sep', ';', '--folds', '1'],
        /--folds must be at least 2/,
      ],
      [
        ['--csv', por, '--target', 'fail', '--positive', 'yes', '--sep', ';', '--folds', '500'],
        /more than the smaller class has rows \(100\)/,
      ],
      [['--target', 'fail'], /--csv PATH is required/],
    ];
    for (const [args, message] of cases) {
      const r = bench(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  }, 60_000);
});
