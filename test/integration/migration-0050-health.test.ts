import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations';
import { migrateTo, queryPlan, tableNames } from '../support/migrate-to';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const upTo = migrations.findIndex((m) => m.name === '0050-health') + 1;

describe('migration 0050-health', () => {
  it('keeps one sample per figure and second, refuses nonsense, and reads a span by its key', async () => {
    expect(upTo).toBeGreaterThan(0);
    const db = await migrateTo(join(tempDir(), 'h.sqlite'), upTo);
    expect(tableNames(db)).toContain('health_samples');
    const insert = db.prepare('INSERT INTO health_samples (metric, at, value) VALUES (?, ?, ?)');
    insert.run('hot_query_p95_ms', 1_764_000_000, 12.5);
    expect(() => insert.run('hot_query_p95_ms', 1_764_000_000, 13)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('', 1_764_000_001, 1)).toThrow(/CHECK/);
    expect(() => insert.run('x', 0, 1)).toThrow(/CHECK/);
    expect(() => insert.run('x', 1_764_000_001, null)).toThrow(/NOT NULL/);
    expect(() => insert.run('x', 1_764_000_001, Number.NaN)).toThrow(/NOT NULL|CHECK/);
    expect(
      queryPlan(
        db,
        'SELECT at, value FROM health_samples WHERE metric = ? AND at >= ? ORDER BY at',
        'x',
        0,
      ),
    ).toMatch(/SEARCH health_samples USING PRIMARY KEY \(metric=\? AND at>\?\)/);
    expect(queryPlan(db, 'DELETE FROM health_samples WHERE at < ?', 0)).toMatch(/SCAN/);
    db.close();
  });
});
