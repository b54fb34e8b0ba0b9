import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { migrateTo, queryPlan, tableNames } from '../support/migrate-to';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

describe('migration 0001-core', () => {
  it('creates schools, users, settings and the audit log', async () => {
    const db = await migrateTo(join(tempDir(), 'b.sqlite'), 1);
    expect(tableNames(db)).toEqual(
      expect.arrayContaining(['schools', 'users', 'settings', 'audit_log']),
    );
    db.close();
  });

  it('rejects impossible users and keeps the audit log append-only', async () => {
    const db = await migrateTo(join(tempDir(), 'b.sqlite'), 1);
    const school = newId();
    db.prepare("INSERT INTO schools (id, name) VALUES (?, 'A')").run(school);
    const user = db.prepare(
      `INSERT INTO users (id, school_id, username, display_name, role, password_hash)
       VALUES (?, ?, ?, 'X', ?, 'h')`,
    );
    expect(() => user.run(newId(), school, 'x', 'janitor')).toThrow(/CHECK constraint/);
    user.run(newId(), school, 'x', 'teacher');
    expect(() => user.run(newId(), school, 'x', 'teacher')).toThrow(/UNIQUE/);
    expect(() => user.run(newId(), newId(), 'y', 'teacher')).toThrow(/FOREIGN KEY/);

    const id = newId();
    db.prepare(
      "INSERT INTO audit_log (id, school_id, action, entity) VALUES (?, ?, 'create', 'schools')",
    ).run(id, school);
    expect(() => db.prepare("UPDATE audit_log SET entity = 'x' WHERE id = ?").run(id)).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = ?').run(id)).toThrow(/append-only/);
    expect(() =>
      db
        .prepare("INSERT INTO settings (school_id, key, value) VALUES (?, 'k', 'not json')")
        .run(school),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('reads the audit log by time through its index', async () => {
    const db = await migrateTo(join(tempDir(), 'b.sqlite'), 1);
    expect(
      queryPlan(
        db,
        'SELECT * FROM audit_log WHERE school_id = ? AND at >= ? ORDER BY at',
        's',
        'a',
      ),
    ).toMatch(/USING INDEX audit_log_by_time/);
    db.close();
  });
});
