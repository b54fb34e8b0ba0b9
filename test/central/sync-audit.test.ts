import { describe, expect, it } from 'vitest';
import { BeaconError } from '../../db';
import { signIn } from '../../main/backend/auth/sign-in';
import { unlockUser } from '../../main/backend/auth/users';
import { recordAuditEvent } from '../../main/backend/services/audit';
import {
  decodeChanges,
  expandChanges,
  type StoredChanges,
} from '../../main/backend/services/audit-changes';
import { runSync } from '../../main/backend/sync/run-sync';
import { readSyncState, writeSyncState } from '../../main/backend/sync/sync-state';
import { ok, seedUser } from '../support/school';
import { seededRandom } from '../support/seeded-random';
import { useAfterTest, useTempDir } from '../support/temp-dir';
import {
  centralWithSchool,
  connectedLaptop,
  threeStudentsPresent,
  type Laptop,
} from './central-world';
import { cuttingProxy } from './cutting-proxy';
import { asAdmin, usePgDatabase } from './pg-test-db';

const newDatabase = usePgDatabase();
const tempDir = useTempDir();
const after = useAfterTest();

/** What must stay on the laptop, as columns and as the names sign-in events use. */
const localOnlyKeys = [
  'password_hash',
  'failed_logins',
  'locked_until',
  'passwordHash',
  'failedLogins',
  'lockedUntil',
];

/** A parsed before/after without the keys that never travel (written apart from sync's own). */
function withoutLocal(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !localOnlyKeys.includes(k)));
}

interface Entry {
  id: string;
  at: string;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  changes: unknown;
}

const byId = (rows: Entry[]) => [...rows].sort((x, y) => (x.id < y.id ? -1 : 1));

/** The laptop's entries as the server should hold them: ids as UUIDs, local-only keys gone. */
function expectedEntries(laptop: Laptop): Entry[] {
  const rows = laptop.db
    .prepare(
      `SELECT id, at, user_id, action, entity, entity_id, before, after, changes FROM audit_log
        WHERE school_id = ? ORDER BY rowid`,
    )
    .all(laptop.schoolId) as (Omit<Entry, 'changes'> & {
    before: string | null;
    after: string | null;
    changes: string | null;
  })[];
  return byId(
    rows.map((r) => ({
      ...r,
      before: withoutLocal(r.before === null ? null : JSON.parse(r.before)),
      after: withoutLocal(r.after === null ? null : JSON.parse(r.after)),
      changes: decodeChanges(laptop.db, r.changes).map((c) => ({
        entityId: c.entityId,
        before: withoutLocal(c.before),
        after: withoutLocal(c.after),
      })),
    })),
  );
}

/** The server's audit rows of a school, the changed rows expanded as the laptop reads its own. */
async function centralEntries(url: string, schoolId: string) {
  const res = await asAdmin(url, (c) =>
    c.query<Omit<Entry, 'changes'> & { changes: StoredChanges | null; origin: string }>(
      `SELECT id, at, user_id, action, entity, entity_id, before, after, changes, origin
         FROM audit_log WHERE school_id = $1`,
      [schoolId],
    ),
  );
  const origins = new Set(res.rows.map((r) => r.origin));
  const entries = byId(
    res.rows.map(({ origin: _origin, ...r }) => ({
      ...r,
      changes: r.changes === null ? [] : expandChanges(r.changes),
    })),
  );
  return { entries, origins };
}

async function laptopWithHistory(url: string) {
  const file = await centralWithSchool(url, tempDir());
  const a = await connectedLaptop(tempDir(), file);
  after(() => a.backend.close());
  const { students, classId } = await threeStudentsPresent(a);
  // A head teacher locked out by five wrong passwords, then unlocked: the sign-in events carry
  // the failed count and the lock time, the unlock's entry the user's counts before and after.
  const head = await seedUser(a.backend, a.schoolId, { username: 'head', role: 'head_teacher' });
  const now = new Date('2025-10-15T08:00:00.000Z');
  for (let i = 0; i < 5; i++)
    await expect(signIn(a.db, { username: 'head', password: 'wrong one' }, now)).rejects.toThrow(
      BeaconError,
    );
  unlockUser(a.db, a.schoolId, head.id, null, now);
  return { file, a, students, classId, head };
}

describe('the audit log travels on push', () => {
  it('the server holds the laptop’s entries less what stays here; again sends nothing; a laptop that synced before sends its log once', async () => {
    const url = await newDatabase();
    const { a, students } = await laptopWithHistory(url);
    const local = expectedEntries(a);
    // The history really holds what must not travel, and operations listing rows by local key.
    const raw = JSON.stringify(a.db.prepare('SELECT before, after FROM audit_log').all());
    for (const key of ['failed_logins', 'locked_until', 'failedLogins', 'lockedUntil'])
      expect(raw).toContain(key);
    expect(
      a.db.prepare("SELECT count(*) FROM audit_log WHERE changes LIKE '%[1,%'").pluck().get(),
    ).toBeGreaterThan(0);

    const first = await a.sync();
    expect(first.audit).toBe(local.length);
    const central = await centralEntries(url, a.schoolId);
    expect(central.entries).toEqual(local);
    expect(central.origins).toEqual(new Set([readSyncState(a.db, a.schoolId).laptop]));
    // The register's rows arrive under the students' UUIDs, not this laptop's keys.
    const register = central.entries.find((e) => e.entity === 'attendance');
    expect((register?.changes as { entityId: string }[]).map((c) => c.entityId).sort()).toEqual(
      students.map((s) => `${s}/2025-10-14`).sort(),
    );
    const text = JSON.stringify(central.entries);
    for (const key of localOnlyKeys) expect(text).not.toContain(key);

    // Nothing new: nothing is sent and the server's rows stay as they were.
    const again = await a.sync();
    expect(again.audit).toBe(0);
    expect((await centralEntries(url, a.schoolId)).entries).toEqual(central.entries);

    // Sent twice (the server committed, then the link went before the checkpoint moved): every
    // entry goes again and the server keeps each once, unchanged.
    a.db.prepare("DELETE FROM sync_state WHERE key = 'audit_pushed_through'").run();
    expect((await a.sync()).audit).toBe(local.length);
    expect((await centralEntries(url, a.schoolId)).entries).toEqual(central.entries);

    // A laptop that synced before the audit log travelled has no audit checkpoint: its first
    // sync since sends the whole log once, and the next nothing.
    await asAdmin(url, (c) => c.query('DELETE FROM audit_log'));
    a.db.prepare("DELETE FROM sync_state WHERE key = 'audit_pushed_through'").run();
    const upgraded = await a.sync();
    expect(upgraded.pushed).toBe(0);
    expect(upgraded.audit).toBe(expectedEntries(a).length);
    expect((await centralEntries(url, a.schoolId)).entries).toEqual(expectedEntries(a));
    expect((await a.sync()).audit).toBe(0);
  });

  it('a link cut mid-push, then syncs until one succeeds: every entry once, none missing', async () => {
    const url = await newDatabase();
    const { a, classId, students } = await laptopWithHistory(url);
    await a.sync();
    // What waits is mostly audit entries (sign-in events change no row), so the cuts land in
    // the audit push: three registers and 60 events, sent 3 entries a batch.
    const random = seededRandom(5);
    for (const date of ['2025-10-01', '2025-10-02', '2025-10-03'])
      ok(
        await a.api.saveRegister({
          classId,
          date,
          entries: students.map((studentId) => ({
            studentId,
            status: random.pick(['present', 'absent', 'late'] as const),
          })),
        }),
      );
    for (let i = 0; i < 60; i++)
      recordAuditEvent(a.db, {
        schoolId: a.schoolId,
        userId: null,
        action: 'login',
        entity: 'users',
        entityId: null,
        after: { username: `visitor${i}`, outcome: 'unknown_username' },
      });
    const proxy = await cuttingProxy(Number(new URL(url).port || 5432), {
      cuts: 8,
      random: () => random.next(),
      maxBytes: 12_000,
    });
    after(() => proxy.close());
    const state = readSyncState(a.db, a.schoolId);
    writeSyncState(a.db, a.schoolId, 'connection', { ...state.connection, port: proxy.port });
    let failures = 0;
    let cutMidAudit = 0;
    for (let attempt = 0; ; attempt++) {
      expect(attempt).toBeLessThan(100);
      const cursor = readSyncState(a.db, a.schoolId).auditPushedThrough;
      try {
        await runSync(a.db, a.secrets, { batchSize: 50, auditBatchSize: 3 });
        break;
      } catch (err) {
        expect((err as BeaconError).code).toBe('CENTRAL_UNREACHABLE');
        failures += 1;
        // A failed run moves the checkpoint only past batches the server committed.
        const moved = readSyncState(a.db, a.schoolId).auditPushedThrough;
        if (moved?.rowid !== cursor?.rowid) {
          cutMidAudit += 1;
          const onServer = await asAdmin(url, (c) =>
            c.query('SELECT 1 FROM audit_log WHERE id = $1', [moved?.id]),
          );
          expect(onServer.rowCount).toBe(1);
        }
      }
    }
    expect(proxy.cuts()).toBe(8);
    expect(failures).toBeGreaterThanOrEqual(8);
    expect(cutMidAudit).toBeGreaterThan(0);
    const local = expectedEntries(a);
    const central = await centralEntries(url, a.schoolId);
    expect(central.entries).toEqual(local);
    const dupes = await asAdmin(url, (c) =>
      c.query('SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM audit_log'),
    );
    expect(dupes.rows[0]).toEqual({ n: local.length, ids: local.length });
  }, 60_000);
});
