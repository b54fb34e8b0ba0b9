import { describe, expect, it } from 'vitest';
import { getJob } from '../../main/backend/jobs/queue';
import { addClass, addStudents, addUser, ok } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';
import { centralWithSchool, connectedLaptop, joiningLaptop, snapshot } from './central-world';
import { usePgDatabase } from './pg-test-db';

const newDatabase = usePgDatabase();
const tempDir = useTempDir();
const after = useAfterTest();

describe('sync requests: status, sync now as a job, and conflicts a head teacher settles', () => {
  it('a restored lost version wins on every laptop, and the settled conflict travels too', async () => {
    const url = await newDatabase();
    const file = await centralWithSchool(url, tempDir());
    const a = await connectedLaptop(tempDir(), file);
    after(() => a.backend.close());
    const [ana] = await addStudents(a.api, ['Ana Silva']);
    const classId = await addClass(a.api, '7A', [ana!]);
    ok(
      await a.api.saveRegister({
        classId,
        date: '2025-10-14',
        entries: [{ studentId: ana!, status: 'present' }],
      }),
    );

    const before = ok(await a.api.syncStatus({}));
    expect(before).toMatchObject({
      connected: true,
      schoolCode: 'VALE',
      lastSuccessAt: null,
      openConflicts: 0,
    });
    expect(before.pending).toBeGreaterThan(3);
    const { jobId } = ok(await a.api.syncNow({}));
    expect(ok(await a.api.syncNow({})).jobId).toBe(jobId);
    await a.backend.jobs.runOnce();
    expect(getJob(a.db, jobId)?.status).toBe('succeeded');
    const synced = ok(await a.api.syncStatus({}));
    expect(synced).toMatchObject({ pending: 0, lastError: null, jobId: null });
    expect(synced.lastSuccessAt).not.toBeNull();

    const b = await joiningLaptop(tempDir(), file);
    after(() => b.backend.close());
    await b.sync();
    ok(
      await b.api.saveRegister({
        classId,
        date: '2025-10-14',
        entries: [{ studentId: ana!, status: 'absent' }],
      }),
    );
    ok(
      await a.api.saveRegister({
        classId,
        date: '2025-10-14',
        entries: [{ studentId: ana!, status: 'late', minutesLate: 10 }],
      }),
    );
    await b.sync();
    await a.sync();

    const teacher = addUser(a.backend, a.schoolId, 'teacher', 'Tia Teacher');
    const refused = await teacher.api.listConflicts({});
    expect(refused.ok ? 'ok' : refused.code).toBe('FORBIDDEN');
    const head = addUser(a.backend, a.schoolId, 'head_teacher', 'Hugo Head');
    const [conflict] = ok(await head.api.listConflicts({}));
    expect(conflict).toMatchObject({
      table: 'attendance',
      lostRow: { status: 'absent' },
      resolution: null,
    });
    expect(conflict?.currentRow).toMatchObject({ status: 'late' });
    const settled = ok(
      await head.api.resolveConflict({ conflictId: conflict!.id, keep: 'restored' }),
    );
    expect(settled).toMatchObject({ resolution: 'restored', currentRow: { status: 'absent' } });
    const twice = await head.api.resolveConflict({ conflictId: conflict!.id, keep: 'kept' });
    expect(twice.ok ? 'ok' : twice.code).toBe('CONFLICT');

    await a.sync();
    await b.sync();
    // addUser writes its accounts with bare SQL (no outbox), so they stay on laptop A.
    const { users: _usersB, ...onLaptopB } = await snapshot(url, b);
    const { users: _usersA, ...onLaptopA } = await snapshot(url, a);
    expect(onLaptopB).toEqual(onLaptopA);
    const onB = b.db.prepare('SELECT status FROM attendance WHERE student_id = ?').pluck().get(ana);
    expect(onB).toBe('absent');
    expect(ok(await b.api.listConflicts({}))).toEqual([]);
    expect(ok(await b.api.listConflicts({ includeResolved: true }))[0]?.resolution).toBe(
      'restored',
    );
  });

  it('a laptop with no connection says so plainly and schedules nothing', async () => {
    const { recordsSchool } = await import('../support/school');
    const s = await recordsSchool(tempDir());
    after(() => s.backend.close());
    expect(ok(await s.api.syncStatus({}))).toMatchObject({
      connected: false,
      pending: expect.any(Number),
    });
    const { syncSchedule } = await import('../../main/backend/sync/sync-job');
    expect(syncSchedule(s.db, s.schoolId)).toEqual([]);
  });
});
