import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../db';
import { rebuildFeatures } from '../../main/backend/features';
import { exportAuditLog, listAuditLog } from '../../main/backend/services/audit';
import { csvRecord } from '../../main/backend/services/audit-csv';
import { currentSchool } from '../../main/backend/services/school';
import { queryPlan, tableNames } from '../support/migrate-to';
import { pendingRows } from '../support/pending-rows';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const fixture = join(import.meta.dirname, '../fixtures/school-0008/school-0008.sqlite.gz');

/** The fixture written by schema 0008 (see its README), unzipped into a fresh folder. */
function oldSchool(): string {
  const path = join(tempDir(), 'school.sqlite');
  writeFileSync(path, gunzipSync(readFileSync(fixture)));
  return path;
}

const all = (db: Database.Database, sql: string) => db.prepare(sql).all();

/** Every table the two schemas share, except the three 0009 reshapes, row for row. */
const unchangedTables = (db: Database.Database) =>
  tableNames(db).filter(
    (t) =>
      !['attendance', 'sync_outbox', 'audit_log', 'knex_migrations', 'sqlite_sequence'].includes(t),
  );

const attendanceSql = `SELECT school_id, student_id, class_id, date, status, minutes_late, note,
    recorded_by, version, deleted_at FROM attendance ORDER BY student_id, date`;

const auditSql = `SELECT id, school_id, at, user_id, action, entity, entity_id, before, after
  FROM audit_log ORDER BY rowid`;

/** What the old outbox had pending: each row's latest entry, by the row's global id. */
function oldPending(db: Database.Database): string[] {
  return (
    db
      .prepare(
        `SELECT o.table_name, coalesce(a.student_id || '/' || a.date, o.row_id) AS row_id, o.op
         FROM sync_outbox o LEFT JOIN attendance a ON o.table_name = 'attendance' AND a.id = o.row_id
         WHERE o.seq = (SELECT max(seq) FROM sync_outbox l
                        WHERE l.table_name = o.table_name AND l.row_id = o.row_id)
         ORDER BY o.seq`,
      )
      .all() as { table_name: string; row_id: string; op: string }[]
  ).map((r) => `${r.table_name} ${r.row_id} ${r.op}`);
}

describe('migration 0009-compact-storage', () => {
  it('keeps every record, audit fact and pending change of a school written by 0008', async () => {
    const path = oldSchool();
    const old = new Database(path, { readonly: true });
    const before = {
      attendance: all(old, attendanceSql),
      audit: all(old, auditSql),
      pending: oldPending(old),
      tables: Object.fromEntries(
        unchangedTables(old).map((t) => [t, all(old, `SELECT * FROM "${t}" ORDER BY rowid`)]),
      ),
    };
    old.close();
    expect(before.attendance.length).toBeGreaterThan(5000);
    expect(before.pending.length).toBeGreaterThan(5000);

    expect(await migrate(path)).toContain('0009-compact-storage');
    const db = new Database(path);
    expect(all(db, attendanceSql)).toEqual(before.attendance);
    expect(all(db, auditSql)).toEqual(before.audit);
    for (const [table, rows] of Object.entries(before.tables)) {
      // Later migrations may add columns (0060 adds students.national_number): compare the old ones.
      const columns = Object.keys(rows[0] ?? {})
        .map((c) => `"${c}"`)
        .join(', ');
      const now = all(db, `SELECT ${columns || '*'} FROM "${table}" ORDER BY rowid`);
      expect(now, table).toEqual(rows);
    }
    // Read as sync reads it (by table, so both sides sorted).
    expect(pendingRows(db)).toEqual([...before.pending].sort());
    db.close();
  });

  it("answers the old audit entries through the app's own listing and CSV export", async () => {
    const path = oldSchool();
    const old = new Database(path, { readonly: true });
    // Who (the user as the users table names them), when, what, before and after, as 0008 kept them.
    const oldEntries = all(
      old,
      `SELECT a.id, a.at, a.user_id, u.username, u.display_name, a.action, a.entity, a.entity_id,
         a.before, a.after
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ORDER BY a.at, a.id`,
    ) as {
      id: string;
      at: string;
      user_id: string | null;
      username: string | null;
      display_name: string | null;
      action: string;
      entity: string;
      entity_id: string | null;
      before: string | null;
      after: string | null;
    }[];
    old.close();
    // Every kind the fixture wrote (README), by a signed-in head teacher as well as the system.
    expect([...new Set(oldEntries.map((e) => e.action))]).toEqual(
      expect.arrayContaining(['create', 'update', 'delete', 'import']),
    );
    expect(oldEntries.some((e) => e.display_name === 'Ana Lima' && e.before !== null)).toBe(true);

    await migrate(path);
    const db = new Database(path);
    const school = currentSchool(db);
    if (!school) throw new Error('the fixture has a school');
    // Page through the listing as the Audit page does (newest first, 500 at a time).
    const listed = [];
    let cursor: string | undefined;
    do {
      const page = listAuditLog(db, school.id, { limit: 500, cursor }, school.timezone);
      listed.push(...page.entries);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(listed.reverse()).toEqual(
      oldEntries.map(({ user_id, display_name, entity_id, before, after, ...same }) => ({
        ...same,
        userId: user_id,
        displayName: display_name,
        entityId: entity_id,
        // The stored JSON, parsed: whole rows before and after, as 0008 wrote one entry per row.
        before: before && (JSON.parse(before) as unknown),
        after: after && (JSON.parse(after) as unknown),
        changes: [],
      })),
    );
    // The export: a header, then each old entry as one line with its stored text unchanged.
    const exported = exportAuditLog(
      db,
      school.id,
      {},
      { timeZone: school.timezone, today: '2026-12-03', userId: null },
    );
    expect(exported.rowCount).toBe(oldEntries.length);
    const lines = exported.csv.split('\r\n');
    expect(lines[0]).toBe('at,username,display_name,user_id,action,entity,entity_id,before,after');
    expect(exported.csv).toBe(
      lines[0] +
        '\r\n' +
        oldEntries
          .map((e) =>
            csvRecord([
              e.at,
              e.username,
              e.display_name,
              e.user_id,
              e.action,
              e.entity,
              e.entity_id,
              e.before,
              e.after,
            ]),
          )
          .join(''),
    );
    db.close();
  });

  it('gives the features the old attendance gave', async () => {
    const path = oldSchool();
    const features = (db: Database.Database) =>
      (
        all(db, 'SELECT * FROM student_features ORDER BY student_id') as Record<string, unknown>[]
      ).map(({ updated_at: _stamp, ...rest }) => rest);
    const old = new Database(path, { readonly: true });
    const stored = features(old);
    old.close();
    await migrate(path);
    const db = new Database(path);
    const schoolId = db.prepare('SELECT id FROM schools').pluck().get() as string;
    rebuildFeatures(db, schoolId);
    expect(features(db)).toEqual(stored);
    db.close();
  });

  it('reads attendance by its natural key and queues one entry per row', async () => {
    const path = oldSchool();
    await migrate(path);
    const db = new Database(path);
    expect(
      queryPlan(db, 'SELECT status FROM attendance_days WHERE student_key = ? AND day = ?', 1, 2),
    ).toMatch(/SEARCH attendance_days USING PRIMARY KEY \(student_key=\? AND day=\?\)/);
    expect(
      queryPlan(db, 'SELECT seq FROM sync_changes WHERE table_code = ? AND row_key = ?', 1, 'r'),
    ).toMatch(/USING COVERING INDEX sync_changes_by_row/);
    expect(queryPlan(db, 'SELECT * FROM sync_changes WHERE seq > ? ORDER BY seq', 0)).toMatch(
      /USING INTEGER PRIMARY KEY/,
    );
    // marks_by_student is gone: a student's live marks are read through marks_features.
    expect(
      queryPlan(
        db,
        'SELECT score FROM marks WHERE school_id = ? AND student_id = ? AND deleted_at IS NULL',
        's',
        't',
      ),
    ).toMatch(/USING COVERING INDEX marks_features/);
    expect(tableNames(db)).not.toContain('attendance');
    expect(tableNames(db)).not.toContain('sync_outbox');
    const insert = db.prepare(
      'INSERT INTO sync_changes (table_code, row_key, deleted) VALUES (1, ?, ?)',
    );
    insert.run('x', 0);
    expect(() => insert.run('x', 1)).toThrow(/UNIQUE/);
    db.close();
  });

  it('refuses through the attendance view what the old table refused', async () => {
    const path = oldSchool();
    await migrate(path);
    const db = new Database(path);
    const { school_id: schoolId, student_id: studentId } = db
      .prepare('SELECT school_id, student_id FROM attendance LIMIT 1')
      .get() as { school_id: string; student_id: string };
    const insert = db.prepare(
      'INSERT INTO attendance (school_id, student_id, date, status) VALUES (?, ?, ?, ?)',
    );
    expect(() => insert.run(schoolId, studentId, '2031-02-30', 'present')).toThrow(/date/);
    expect(() => insert.run(schoolId, studentId, '2031-02-03', 'asleep')).toThrow(/NOT NULL/);
    expect(() => insert.run('another-school', studentId, '2031-02-03', 'present')).toThrow(
      /no such student/,
    );
    insert.run(schoolId, studentId, '2031-02-03', 'late');
    expect(() => insert.run(schoolId, studentId, '2031-02-03', 'present')).toThrow(/UNIQUE/);
    db.close();
  });

  it('leaves the old file as it was when the migration fails half-way', async () => {
    const path = oldSchool();
    const old = new Database(path);
    const count = old.prepare('SELECT count(*) FROM attendance').pluck().get();
    // A name the migration creates near its end, taken already: the last steps fail.
    old.exec('CREATE INDEX sync_changes_by_row ON schools (name)');
    old.close();
    await expect(migrate(path)).rejects.toThrow(/sync_changes_by_row/);
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM knex_migrations').pluck().get()).toBe(6);
    expect(db.prepare('SELECT count(*) FROM attendance').pluck().get()).toBe(count);
    expect(tableNames(db)).not.toContain('attendance_days');
    db.close();
  });
});
