import { describe, expect, it } from 'vitest';
import { maxFailedSignIns, signIn } from '../../main/backend/auth/sign-in';
import { seedUser, setUpSchool } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

const now = new Date('2025-03-10T08:00:00.000Z');

describe('lockout decided atomically', () => {
  it('30 sign-ins at once, 29 wrong then the right one: the account locks and the right one is refused', async () => {
    const s = await setUpSchool(tempDir());
    afterTest(() => s.backend.close());
    const db = s.backend.context.db;
    const tess = await seedUser(s.backend, s.schoolId, {
      username: 'tess',
      role: 'teacher',
      password: 'tess password 1',
    });
    const attempts = Array.from({ length: 30 }, (_, i) =>
      signIn(db, { username: 'tess', password: i < 29 ? `wrong ${i}` : 'tess password 1' }, now),
    );
    const results = await Promise.allSettled(attempts);
    expect(results.at(-1)).toMatchObject({
      status: 'rejected',
      reason: { code: 'UNAUTHENTICATED', details: { reason: 'locked' } },
    });
    expect(results.filter((r) => r.status === 'fulfilled')).toEqual([]);
    const outcomes = (
      db
        .prepare(`SELECT after FROM audit_log WHERE action = 'login' AND entity_id = ?`)
        .pluck()
        .all(tess.id) as string[]
    ).map((a) => (JSON.parse(a) as { outcome: string }).outcome);
    // Only as many passwords are checked as it takes to lock; the rest are refused unchecked.
    expect(outcomes.filter((o) => o === 'wrong_password')).toHaveLength(maxFailedSignIns);
    expect(outcomes.filter((o) => o === 'locked')).toHaveLength(30 - maxFailedSignIns);
    expect(db.prepare('SELECT locked_until FROM users WHERE id = ?').pluck().get(tess.id)).toBe(
      '2025-03-10T08:15:00.000Z',
    );
  });

  it('four wrong plus one in flight is the limit: a wrong one sent beside the right one is refused unchecked', async () => {
    const s = await setUpSchool(tempDir());
    afterTest(() => s.backend.close());
    const db = s.backend.context.db;
    await seedUser(s.backend, s.schoolId, {
      username: 'tess',
      role: 'teacher',
      password: 'tess password 1',
    });
    // Four wrong already; then the right one and a fifth wrong one race.
    for (let i = 0; i < 4; i++)
      await signIn(db, { username: 'tess', password: 'nope' }, now).catch(() => null);
    const [right, wrong] = await Promise.allSettled([
      signIn(db, { username: 'tess', password: 'tess password 1' }, now),
      signIn(db, { username: 'tess', password: 'nope' }, now),
    ]);
    // The fifth attempt is refused unchecked (four in a row plus one in flight is the limit)...
    expect(wrong).toMatchObject({ status: 'rejected', reason: { details: { reason: 'locked' } } });
    // ...and the right one, counted first, goes through.
    expect(right).toMatchObject({ status: 'fulfilled' });
  });
});
