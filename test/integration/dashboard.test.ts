import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BeaconApi, Dashboard } from '../../contract';
import { startBackend, type Backend } from '../../main/backend/backend';
import { loadDemoSchool } from '../../main/backend/demo/load-demo';
import { getJob } from '../../main/backend/jobs/queue';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';
import { addUser, ok } from '../support/school';

// A Wednesday in term. Only Date is faked: the clock moves when the test says so, so scores
// written "now" can be put a week apart.
const today = '2026-11-18';
const day0 = new Date('2026-11-18T09:00:00Z').getTime();
const DAY = 24 * 60 * 60 * 1000;
const dir = mkdtempSync(join(tmpdir(), 'beacon-dashboard-'));

let backend: Backend;
let api: BeaconApi;
let schoolId: string;

const byTier = (d: Dashboard) => Object.fromEntries(d.tiers.map((t) => [t.tier, t]));

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(day0);
  backend = await startBackend({ dbPath: join(dir, 'beacon.sqlite'), today: () => today });
  api = inProcessApi(backend, systemSession);
  schoolId = loadDemoSchool(
    backend.context.db,
    { students: 150, years: 3, seed: 11, today },
    null,
  ).schoolId;
  const jobId = backend.context.jobs.enqueue(
    'train',
    { schoolId, trigger: 'test', seed: 1, trainOptions: { candidates: ['logistic'] } },
    schoolId,
  );
  await backend.jobs.runOnce();
  expect(getJob(backend.context.db, jobId)?.status).toBe('succeeded');
}, 180_000);

afterAll(async () => {
  vi.useRealTimers();
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the dashboard', () => {
  let first: Dashboard;

  it('counts each tier as the risk list does, with nothing to compare a week back', async () => {
    first = ok(await api.dashboard({}));
    expect(first.scope).toBe('school');
    const total = ok(await api.riskList({ limit: 1 })).total;
    expect(first.scored).toBe(total);
    for (const t of first.tiers) {
      expect(t.students, t.tier).toBe(ok(await api.riskList({ tier: t.tier, limit: 1 })).total);
      expect(t.weekAgo).toBeNull();
    }
    expect(first.newlyHigh).toBeNull();
    expect(first.model?.liveSince).not.toBeNull();
    expect(first.model?.id).toBe(ok(await api.riskList({ limit: 1 })).model?.id);
  });

  it('counts chronic absence from the feature store', () => {
    const rates = backend.context.db
      .prepare(
        `SELECT f.attendance_rate FROM student_features f JOIN students s ON s.id = f.student_id
         WHERE f.school_id = ? AND s.status = 'active' AND s.deleted_at IS NULL
           AND s.archived_at IS NULL AND f.attendance_rate IS NOT NULL`,
      )
      .pluck()
      .all(schoolId) as number[];
    expect(first.chronicAbsence).toEqual({
      students: rates.filter((r) => r < 0.9).length,
      measured: rates.length,
      threshold: 0.9,
    });
    expect(first.chronicAbsence.students).toBeGreaterThan(0);
  });

  it('compares with a week ago and names the students newly at high risk', async () => {
    // Three days later the school widens its high tier: more students are high from then on.
    vi.setSystemTime(day0 + 3 * DAY);
    const settings = ok(await api.getRiskSettings({}));
    ok(
      await api.saveRiskSettings({
        highShare: settings.highShare + 0.15,
        highFloor: 0.01,
        mediumFloor: 0.01,
      }),
    );

    vi.setSystemTime(day0 + 8 * DAY);
    const later = ok(await api.dashboard({}));
    const now = byTier(later);
    const then = byTier(first);
    for (const tier of ['high', 'medium', 'low'] as const) {
      expect(now[tier]?.weekAgo, tier).toBe(then[tier]?.students);
    }
    const gained = (now.high?.students ?? 0) - (then.high?.students ?? 0);
    expect(gained).toBeGreaterThan(0);
    expect(later.newlyHigh).toHaveLength(gained);

    const high = ok(await api.riskList({ tier: 'high', limit: 1000 })).entries;
    const highIds = new Set(high.map((e) => e.studentId));
    for (const student of later.newlyHigh ?? []) {
      expect(highIds.has(student.studentId)).toBe(true);
      const history = ok(await api.studentRisk({ studentId: student.studentId })).history;
      expect(history[0]?.tier).not.toBe('high');
    }
    const scores = (later.newlyHigh ?? []).map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("shows a teacher only their classes' students, and today's registers still to take", async () => {
    vi.setSystemTime(day0);
    const teacher = addUser(backend, schoolId, 'teacher', 'Tess Okafor');
    const schoolYear = ok(await api.listClasses({}))[0]?.schoolYear ?? '';
    const cls = ok(await api.createClass({ schoolYear, name: 'Z9', teacherId: teacher.id }));
    const student = ok(
      await api.createStudent({ studentNumber: 'NEW1', firstName: 'Ana', lastName: 'Silva' }),
    );
    ok(await api.enrolStudent({ studentId: student.id, classId: cls.id, startDate: today }));

    const mine = ok(await teacher.api.dashboard({}));
    expect(mine.scope).toBe('classes');
    // Scored as soon as enrolled; the rest of the school is not the teacher's.
    expect(mine.scored).toBe(ok(await teacher.api.riskList({ limit: 1 })).total);
    expect(mine.scored).toBeLessThanOrEqual(1);
    expect(mine.lastBackupAt).toBeNull();
    expect(mine.classesToday).toEqual([
      { classId: cls.id, name: 'Z9', enrolled: 1, schoolDay: true, registerTaken: false },
    ]);

    ok(
      await teacher.api.saveRegister({
        classId: cls.id,
        date: today,
        entries: [{ studentId: student.id, status: 'present' }],
      }),
    );
    const after = ok(await teacher.api.dashboard({}));
    expect(after.classesToday[0]?.registerTaken).toBe(true);
    // The leader's dashboard lists no classes of its own: the system actor teaches none.
    expect(ok(await api.dashboard({})).classesToday).toEqual([]);
  });
});
