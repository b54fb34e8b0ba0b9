import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { seedSchool } from '../support/school';
import { migrateTo, queryPlan, tableNames } from '../support/migrate-to';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

describe('migration 0004-operations', () => {
  it('creates the job queue, locks and the sync tables', async () => {
    const db = await migrateTo(join(tempDir(), 'b.sqlite'), 4);
    expect(tableNames(db)).toEqual(
      expect.arrayContaining(['jobs', 'locks', 'sync_outbox', 'sync_state']),
    );
    db.close();
  });

  it('refuses jobs and outbox rows that cannot be', async () => {
    const db = await migrateTo(join(tempDir(), 'b.sqlite'), 4);
    const { schoolId } = seedSchool(db);
    expect(() =>
      db
        .prepare("INSERT INTO jobs (id, kind, status) VALUES (?, 'train', 'sleeping')")
        .run(newId()),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO sync_outbox (school_id, table_name, row_id, version, op, payload) VALUES (?, 'students', 'x', 1, 'upsert', '{')",
        )
        .run(schoolId),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('finds ready jobs and a school’s pending outbox through indexes', async () => {
    const db = await migrateTo(join(tempDir(), 'b.sqlite'), 4);
    expect(
      queryPlan(
        db,
        "SELECT id FROM jobs WHERE status = 'queued' AND run_after <= ? ORDER BY run_after",
        'x',
      ),
    ).toMatch(/USING INDEX jobs_ready/);
    expect(
      queryPlan(
        db,
        'SELECT * FROM sync_outbox WHERE school_id = ? AND seq > ? ORDER BY seq LIMIT 500',
        's',
        0,
      ),
    ).toMatch(/USING (INDEX sync_outbox_by_school|INTEGER PRIMARY KEY)/);
    db.close();
  });
});
