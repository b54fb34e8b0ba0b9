import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations';
import { seedSchool } from '../support/school';
import { migrateTo, queryPlan, tableNames } from '../support/migrate-to';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const upTo = migrations.findIndex((m) => m.name === '0040-sync-conflicts') + 1;

describe('migration 0040-sync-conflicts', () => {
  it('keeps the conflicts sync pulls, refusing a bad resolution or a lost row that is not JSON', async () => {
    expect(upTo).toBeGreaterThan(0);
    const db = await migrateTo(join(tempDir(), 'b.sqlite'), upTo);
    expect(tableNames(db)).toContain('sync_conflicts');
    const { schoolId } = seedSchool(db);
    const insert = db.prepare(
      `INSERT INTO sync_conflicts (id, school_id, table_name, row_id, kept_version, kept_origin,
         lost_version, lost_origin, lost_row, detected_at, resolution)
       VALUES (?, ?, 'attendance', 'r1', 2, 'a', 1, 'b', ?, '2025-10-15T00:00:00.000Z', ?)`,
    );
    insert.run('c1', schoolId, '{"status":"absent"}', null);
    expect(() => insert.run('c2', schoolId, '{', null)).toThrow(/CHECK/);
    expect(() => insert.run('c3', schoolId, '{}', 'maybe')).toThrow(/CHECK/);
    const plan = queryPlan(
      db,
      'SELECT * FROM sync_conflicts WHERE school_id = ? AND resolved_at IS NULL ORDER BY detected_at',
      schoolId,
    );
    expect(plan).toContain('sync_conflicts_open');
    db.close();
  });
});
