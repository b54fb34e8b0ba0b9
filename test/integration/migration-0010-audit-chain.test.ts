import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../db';
import { startBackend } from '../../main/backend/backend';
import { recordAuditEvent } from '../../main/backend/services/audit';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';
import { verifyAuditChain } from '../../main/backend/services/audit-chain';
import { runCli } from '../support/run-cli';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const fixture = join(import.meta.dirname, '../fixtures/school-0008/school-0008.sqlite.gz');

/** The 0008 fixture, migrated, with `n` entries appended after the upgrade. */
async function chainedSchool(n: number) {
  const path = join(tempDir(), 'school.sqlite');
  writeFileSync(path, gunzipSync(readFileSync(fixture)));
  await migrate(path);
  const db = new Database(path);
  const schoolId = db.prepare('SELECT id FROM schools').pluck().get() as string;
  const legacy = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  for (let i = 0; i < n; i++) {
    recordAuditEvent(db, {
      schoolId,
      userId: null,
      action: 'other',
      entity: 'students',
      entityId: null,
      after: { note: `entry ${i}` },
    });
  }
  return { path, db, legacy };
}

/** Lets a test play an attacker with a SQLite shell: the append-only triggers dropped. */
const asTool = (db: Database.Database, sql: string) =>
  db.exec(`DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;
    ${sql}`);

describe('migration 0010-audit-chain', () => {
  it('chains every new entry to the ones before, the old ones included', async () => {
    const { db, legacy } = await chainedSchool(3);
    expect(legacy).toBeGreaterThan(7000);
    expect(verifyAuditChain(db)).toEqual({
      ok: true,
      entries: legacy + 3,
      unchained: legacy,
      broken: null,
    });
    const hashes = db.prepare('SELECT hash FROM audit_log WHERE hash IS NOT NULL').pluck().all();
    expect(new Set(hashes).size).toBe(3);
    db.close();
  });

  it('finds an entry edited, deleted or slipped in with a SQLite tool', async () => {
    const edited = await chainedSchool(3);
    asTool(
      edited.db,
      `UPDATE audit_log SET after = '{"note":"entry 9"}' WHERE after = '{"note":"entry 1"}'`,
    );
    expect(verifyAuditChain(edited.db)).toMatchObject({ ok: false, broken: { reason: /hash/ } });

    const old = await chainedSchool(1);
    asTool(old.db, `UPDATE audit_log SET entity = 'terms' WHERE rowid = 5`);
    expect(verifyAuditChain(old.db).ok).toBe(false);

    const deleted = await chainedSchool(3);
    asTool(deleted.db, `DELETE FROM audit_log WHERE after = '{"note":"entry 1"}'`);
    expect(verifyAuditChain(deleted.db)).toMatchObject({ ok: false });

    const forged = await chainedSchool(2);
    forged.db
      .prepare(
        `INSERT INTO audit_log (id, school_id, action, entity) SELECT
           '0190b7f4-0000-7000-8000-00000000000f', id, 'other', 'students' FROM schools`,
      )
      .run();
    expect(verifyAuditChain(forged.db)).toMatchObject({
      ok: false,
      broken: { id: '0190b7f4-0000-7000-8000-00000000000f' },
    });
    for (const s of [edited, old, deleted, forged]) s.db.close();
  }, 120_000);

  it('refuses REPLACE INTO audit_log, which would slip past the no-delete trigger', async () => {
    const { db } = await chainedSchool(1);
    const first = db.prepare('SELECT * FROM audit_log ORDER BY rowid LIMIT 1').get() as Record<
      string,
      unknown
    >;
    expect(() =>
      db
        .prepare(
          `REPLACE INTO audit_log (id, school_id, action, entity) VALUES (?, ?, 'other', 'x')`,
        )
        .run(first.id, first.school_id),
    ).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(
          `INSERT OR REPLACE INTO audit_log (rowid, id, school_id, action, entity)
           VALUES (1, 'new', ?, 'other', 'x')`,
        )
        .run(first.school_id),
    ).toThrow(/append-only/);
    expect(db.prepare('SELECT * FROM audit_log ORDER BY rowid LIMIT 1').get()).toEqual(first);
    db.close();
  });

  it('the health answer says whether the audit log is intact', async () => {
    const { path, db } = await chainedSchool(2);
    db.close();
    const health = async () => {
      const backend = await startBackend({ dbPath: path });
      try {
        const h = await inProcessApi(backend, systemSession).health({});
        if (!h.ok) throw new Error(h.message);
        return h.value.auditLog;
      } finally {
        await backend.close();
      }
    };
    expect(await health()).toMatchObject({ intact: true, brokenAt: null });
    const shell = new Database(path);
    const last = shell.prepare('SELECT max(rowid) FROM audit_log').pluck().get() as number;
    const id = shell.prepare('SELECT id FROM audit_log WHERE rowid = ?').pluck().get(last);
    asTool(shell, `UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE rowid = ${last}`);
    shell.close();
    expect(await health()).toMatchObject({ intact: false, brokenAt: id });
  }, 60_000);

  it('beacon audit verify says whether the log is intact, with exit code 0 or 1', async () => {
    const { path, db } = await chainedSchool(2);
    db.close();
    const good = runCli(['audit', 'verify', '--db', path]);
    expect(good.stdout).toMatch(/intact: \d+ entries checked/);
    expect(good.code).toBe(0);
    const shell = new Database(path);
    asTool(shell, `UPDATE audit_log SET action = 'login' WHERE rowid = 3`);
    shell.close();
    const bad = runCli(['audit', 'verify', '--db', path]);
    expect(bad.stderr).toMatch(/altered: entry [0-9a-f-]+ of .*hash/);
    expect(bad.code).toBe(1);
  }, 60_000);
});
