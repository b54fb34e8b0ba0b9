import { describe, expect, it } from 'vitest';
import { isChangedTable } from '../../contract';
import { changedMark, changedSince } from '../../db';
import { unlockUser } from '../../main/backend/auth/users';
import { recordAuditEvent } from '../../main/backend/services/audit';
import { lastSeq, pendingCount } from '../../main/backend/sync/outbox-reader';
import { ok } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';
import {
  centralRows,
  centralSnapshot,
  centralWithSchool,
  connectedLaptop,
  threeStudentsPresent,
  joiningLaptop,
  snapshot,
} from './central-world';
import { asAdmin, usePgDatabase } from './pg-test-db';

const newDatabase = usePgDatabase();
const tempDir = useTempDir();
const after = useAfterTest();

async function world() {
  const url = await newDatabase();
  const file = await centralWithSchool(url, tempDir());
  const a = await connectedLaptop(tempDir(), file);
  after(() => a.backend.close());
  const { students, classId } = await threeStudentsPresent(a);
  await a.sync();
  const b = await joiningLaptop(tempDir(), file);
  after(() => b.backend.close());
  await b.sync();
  return { url, file, a, b, students, classId };
}

describe('sync between laptops of one school', () => {
  it('a second laptop gets the school as the first has it, and the server holds it row for row', async () => {
    const { url, a, b } = await world();
    const laptopA = await snapshot(url, a);
    expect(await snapshot(url, b)).toEqual(laptopA);
    expect(await centralSnapshot(url, a)).toEqual(laptopA);
    expect(laptopA.attendance).toHaveLength(3);
    expect(b.db.prepare('SELECT count(*) FROM student_features').pluck().get()).toBe(3);
  });

  it('pushing the same batch twice changes nothing on the server', async () => {
    const { url, a } = await world();
    const before = await centralRows(url, 'attendance', ['id', 'version', 'status']);
    const seq = await asAdmin(url, (c) => c.query('SELECT max(server_seq) AS m FROM attendance'));
    a.db.prepare("DELETE FROM sync_state WHERE key IN ('pushed_through', 'pulled_through')").run();
    const again = await a.sync();
    expect(again.pushed).toBeGreaterThan(0);
    expect(await centralRows(url, 'attendance', ['id', 'version', 'status'])).toEqual(before);
    const seqAfter = await asAdmin(url, (c) =>
      c.query('SELECT max(server_seq) AS m FROM attendance'),
    );
    expect(seqAfter.rows).toEqual(seq.rows);
    const conflicts = await asAdmin(url, (c) =>
      c.query('SELECT count(*)::int AS n FROM sync_conflicts'),
    );
    expect(conflicts.rows[0]).toEqual({ n: 0 });
  });

  it('two laptops editing one attendance row converge on the newer, and the other is a conflict both see', async () => {
    const { url, a, b, students, classId } = await world();
    const [first] = students;
    ok(
      await b.api.saveRegister({
        classId,
        date: '2025-10-14',
        entries: [{ studentId: first!, status: 'absent' }],
      }),
    );
    ok(
      await a.api.saveRegister({
        classId,
        date: '2025-10-14',
        entries: [{ studentId: first!, status: 'late', minutesLate: 5 }],
      }),
    );
    await b.sync();
    await a.sync();
    await b.sync();
    expect(await snapshot(url, b)).toEqual(await snapshot(url, a));
    const status = a.db
      .prepare('SELECT status FROM attendance WHERE student_id = ? AND date = ?')
      .pluck()
      .get(first, '2025-10-14');
    expect(status).toBe('late');
    const conflicts = a.db.prepare('SELECT table_name, lost_row FROM sync_conflicts').all() as {
      table_name: string;
      lost_row: string;
    }[];
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]?.table_name).toBe('attendance');
    expect(b.db.prepare('SELECT lost_row FROM sync_conflicts').pluck().all()).toEqual([
      conflicts[0]?.lost_row,
    ]);
    expect(JSON.parse(conflicts[0]!.lost_row)).toMatchObject({ status: 'absent' });
  });

  it('two laptops making the same natural key (one mark per student per day) keep one row and a conflict', async () => {
    const { url, a, b, classId, students } = await world();
    const [, second] = students;
    ok(
      await a.api.saveRegister({
        classId,
        date: '2025-10-15',
        entries: [{ studentId: second!, status: 'absent' }],
      }),
    );
    ok(
      await b.api.saveRegister({
        classId,
        date: '2025-10-15',
        entries: [{ studentId: second!, status: 'excused' }],
      }),
    );
    await a.sync();
    await b.sync();
    await a.sync();
    expect(await snapshot(url, a)).toEqual(await snapshot(url, b));
    const rows = a.db
      .prepare("SELECT status FROM attendance WHERE date = '2025-10-15'")
      .pluck()
      .all();
    expect(rows).toEqual(['excused']);
    const central = await asAdmin(url, (c) =>
      c.query(`SELECT status FROM attendance WHERE date = '2025-10-15'`),
    );
    expect(central.rows).toEqual([{ status: 'excused' }]);
    expect(a.db.prepare('SELECT count(*) FROM sync_conflicts').pluck().get()).toBe(1);
  });

  it('a pulled change goes through the change log: noted and audited, but queued for no push', async () => {
    const { a, b, classId, students } = await world();
    const [first] = students;
    ok(
      await a.api.saveRegister({
        classId,
        date: '2025-10-14',
        entries: [{ studentId: first!, status: 'absent' }],
      }),
    );
    await a.sync();
    const seq = lastSeq(b.db, b.schoolId);
    const audited = b.db.prepare('SELECT max(rowid) FROM audit_log').pluck().get() as number;
    const mark = changedMark(b.db);
    const pulled = await b.sync();
    expect(
      b.db
        .prepare('SELECT status FROM attendance WHERE student_id = ? AND date = ?')
        .pluck()
        .get(first, '2025-10-14'),
    ).toBe('absent');
    // No outbox entry: the pulled rows do not travel back.
    expect(lastSeq(b.db, b.schoolId)).toBe(seq);
    expect(pendingCount(b.db, b.schoolId, seq)).toBe(0);
    // Nor is it pulled again: the next sync has nothing to push or pull.
    expect(await b.sync()).toMatchObject({ pushed: 0, pulled: 0 });
    // The change log recorded them: each table written (and the refreshed features) for
    // dataChanged, and one audit entry per table, saying where the rows came from.
    const noted = changedSince(b.db, mark);
    expect(noted).toEqual(expect.arrayContaining(['attendance', 'student_features']));
    const entries = (
      b.db
        .prepare('SELECT user_id, action, entity, after, changes FROM audit_log WHERE rowid > ?')
        .all(audited) as { entity: string; after: string }[]
    ).map((e) => ({ ...e, after: JSON.parse(e.after) as { rows: number } }));
    // Audited per table of the change log; the other names (features, the sync state) are not.
    expect(entries.map((e) => e.entity)).toEqual(noted.filter(isChangedTable));
    for (const e of entries)
      expect(e).toEqual({
        user_id: null,
        action: 'import',
        entity: e.entity,
        after: { source: 'sync', through: expect.any(Number) as number, rows: e.after.rows },
        changes: null,
      });
    expect(entries.find((e) => e.entity === 'attendance')?.after.rows).toBe(1);
    expect(entries.reduce((n, e) => n + e.after.rows, 0)).toBe(pulled.pulled);
  });

  it('what never leaves the laptop is not on the server after a full sync; school-wide settings do', async () => {
    const { url, a, b } = await world();
    a.db
      .prepare(
        `INSERT INTO users (id, school_id, username, display_name, role, password_hash, failed_logins, locked_until)
         VALUES ('u-secret', ?, 'head', 'Head', 'head_teacher', 'scrypt$SECRET-HASH', 4, '2099-01-01T00:00:00.000Z')`,
      )
      .run(a.schoolId);
    a.db
      .prepare(
        `INSERT INTO settings (school_id, key, value) VALUES (?, 'machine.secret-setting', '"LOCAL-ONLY"')`,
      )
      .run(a.schoolId);
    a.db.exec(`INSERT OR IGNORE INTO sync_tables (name) VALUES ('users'), ('settings');
      INSERT INTO sync_changes (table_code, row_key, deleted)
        SELECT code, 'u-secret', 0 FROM sync_tables WHERE name = 'users'
        UNION ALL SELECT code, 'machine.secret-setting', 0 FROM sync_tables WHERE name = 'settings'`);
    // The audit log travels too, and entries can hold what must not: the unlock's entry has
    // the user's failed count and lock time before and after; a failed sign-in's event its own;
    // an entry in the whole-row form of old logs the password hash; one about a machine
    // setting (no writer audits settings today) the setting's value.
    unlockUser(a.db, a.schoolId, 'u-secret', null, new Date('2025-10-15T08:00:00.000Z'));
    const event = (entity: string, after: object) =>
      recordAuditEvent(a.db, {
        schoolId: a.schoolId,
        userId: null,
        action: 'other',
        entity,
        entityId: 'u-secret',
        after,
      });
    event('users', {
      outcome: 'wrong_password',
      failedLogins: 4,
      lockedUntil: '2099-01-01T00:00:00.000Z',
    });
    event('users', {
      row: { id: 'u-secret', password_hash: 'scrypt$SECRET-HASH', locked_until: '2099-01-01' },
    });
    event('settings', { key: 'machine.secret-setting', value: 'LOCAL-ONLY' });
    const unlocked = a.db
      .prepare("SELECT id FROM audit_log WHERE entity = 'users' AND action = 'update'")
      .pluck()
      .get() as string;
    expect(JSON.stringify(a.db.prepare('SELECT before, after FROM audit_log').all())).toContain(
      'failed_logins',
    );
    await a.sync();
    const dump = await asAdmin(url, async (c) => {
      const tables = await c.query<{ t: string }>(
        `SELECT relname AS t FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'`,
      );
      let text = '';
      for (const { t } of tables.rows) {
        const rows = await c.query(`SELECT * FROM ${t}`);
        text += JSON.stringify(rows.rows);
      }
      const cols = await c.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'`,
      );
      return text + JSON.stringify(cols.rows);
    });
    expect(dump).toContain('u-secret');
    expect(dump).toContain(unlocked);
    for (const secret of [
      'SECRET-HASH',
      'password_hash',
      'failed_logins',
      'locked_until',
      'LOCAL-ONLY',
      'sessions',
      '2099-01-01',
    ]) {
      expect(dump).not.toContain(secret);
    }

    // The school-wide settings (sync/school-settings.ts) do leave, from the laptop that changed
    // them; a laptop that never changed one leaves it as it is.
    const horizon = async () =>
      (
        await asAdmin(url, (c) =>
          c.query<{ h: number }>(
            `SELECT (value->>'horizonMonths')::int AS h FROM school_settings WHERE key = 'risk'`,
          ),
        )
      ).rows.map((r) => r.h);
    ok(await a.api.saveRiskSettings({ horizonMonths: 9 }));
    await a.sync();
    // B's defaults (and its own scoring's cut-offs) are not a change: A's setting stays.
    await b.sync();
    expect(await horizon()).toEqual([9]);
    ok(await b.api.saveRiskSettings({ horizonMonths: 18 }));
    await b.sync();
    await a.sync();
    expect(await horizon()).toEqual([18]);
  });
});
