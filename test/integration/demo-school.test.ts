import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Events } from '../../contract';
import { startBackend, type Backend } from '../../main/backend/backend';
import { DEMO_SCHOOL_NAME } from '../../main/backend/demo/load-demo';
import { getJob, listJobs } from '../../main/backend/jobs/queue';
import { featureColumnNames, rebuildFeatures } from '../../main/backend/features';
import { champion } from '../../main/backend/services/model-registry';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';
import { ok } from '../support/school';

const today = '2026-11-29';
const dir = mkdtempSync(join(tmpdir(), 'beacon-demo-'));
const admin = { username: 'Ada', displayName: 'Ada Admin', password: 'correct horse battery' };
// Small candidates keep the test quick; the app trains the full set.
const trainOptions = {
  candidates: ['logistic' as const, 'forest' as const],
  forest: { trees: 30 },
};

let backend: Backend;
const events: { event: keyof Events; payload: unknown }[] = [];

beforeAll(async () => {
  backend = await startBackend({
    dbPath: join(dir, 'demo.sqlite'),
    today: () => today,
    demoTuning: { trainOptions },
  });
  backend.onEvent((event, payload) => events.push({ event, payload }));
});
afterAll(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

const progressOf = (jobId: string) =>
  events
    .filter((e) => e.event === 'jobProgress')
    .map((e) => e.payload as Events['jobProgress'])
    .filter((p) => p.jobId === jobId);

describe('loading the demo school from the first-run screen', () => {
  let jobId: string;

  it('refuses a weak password or a size out of range, and changes nothing', async () => {
    const connection = inProcessApi(backend);
    const weak = await connection.loadDemoSchool({ ...admin, password: 'ada' });
    expect(weak).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    if (!weak.ok) {
      expect(weak.details).toEqual([
        expect.objectContaining({
          path: ['password'],
          message: 'must be at least 10 characters long',
        }),
      ]);
    }
    // The same rule setupSchool applies beyond the schema: not the username in the password.
    const same = await connection.loadDemoSchool({
      ...admin,
      username: 'ada.lovelace',
      password: 'Ada.Lovelace',
    });
    expect(same).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: 'The password must not be the same as the username.',
    });
    const tiny = await connection.loadDemoSchool({ ...admin, students: 20 });
    expect(tiny).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    if (!tiny.ok) expect(JSON.stringify(tiny.details)).toContain('must be at least 100');
    expect(ok(await connection.setupStatus({}))).toEqual({ needsSetup: true, schoolName: null });
    expect(ok(await connection.currentUser({}))).toBeNull();
    expect(listJobs(backend.context.db)).toEqual([]);
  });

  it('creates the demo school and its administrator, signs them in, and queues the job', async () => {
    const connection = inProcessApi(backend);
    const before = events.length;
    const started = ok(await connection.loadDemoSchool({ ...admin, students: 100 }));
    jobId = started.jobId;
    // One dataChanged for the request, naming what it wrote (the job sends its own later).
    const changed = events.slice(before).filter((e) => e.event === 'dataChanged');
    expect(changed).toHaveLength(1);
    expect((changed[0]?.payload as Events['dataChanged']).entities).toEqual(
      expect.arrayContaining(['schools', 'users']),
    );
    expect(started.user).toEqual({
      id: expect.any(String),
      username: 'ada',
      displayName: 'Ada Admin',
      role: 'admin',
      kind: 'user',
    });
    expect(ok(await connection.currentUser({}))).toEqual(started.user);
    expect(ok(await connection.setupStatus({}))).toEqual({
      needsSetup: false,
      schoolName: DEMO_SCHOOL_NAME,
    });
    const job = getJob(backend.context.db, jobId);
    const schoolId = ok(await connection.getSchool({}))?.id;
    expect(job).toMatchObject({
      kind: 'demo',
      status: 'queued',
      maxAttempts: 1,
      schoolId,
      payload: { schoolId, students: 100, seed: expect.any(Number), userId: started.user.id },
    });
    // The new administrator can sign in with the password given.
    expect(
      ok(await inProcessApi(backend).signIn({ username: 'ada', password: admin.password })).id,
    ).toBe(started.user.id);
  });

  it('is refused once an account exists, like setupSchool', async () => {
    const again = await inProcessApi(backend).loadDemoSchool({ ...admin, username: 'eve' });
    expect(again).toEqual({
      ok: false,
      code: 'CONFLICT',
      message: 'Beacon is already set up: sign in with your account instead.',
    });
    expect(listJobs(backend.context.db, { kind: 'demo' })).toHaveLength(1);
    // This backend does not run jobs in the background: the job waits for runOnce.
    expect(getJob(backend.context.db, jobId)?.status).toBe('queued');
  });

  it('writes the school while answering requests, trains a champion and scores everyone', async () => {
    const db = backend.context.db;
    const run = backend.jobs.runOnce();
    let answeredWhileWriting = 0;
    const stage = () => progressOf(jobId).at(-1)?.stage;
    while (stage() === undefined || stage() === 'started' || stage() === 'writing') {
      const health = await backend.dispatch('health', {}, { session: systemSession });
      if (health.ok && stage() === 'writing') answeredWhileWriting++;
      await new Promise((r) => setTimeout(r, 5));
    }
    await run;
    const job = getJob(db, jobId);
    expect(job?.error ?? null).toBeNull();
    expect(job?.status).toBe('succeeded');
    expect(answeredWhileWriting).toBeGreaterThan(3);

    const progress = progressOf(jobId);
    const writing = progress.filter((p) => p.stage === 'writing').map((p) => p.progress ?? -1);
    expect(writing.length).toBeGreaterThan(5);
    expect(writing.length).toBeLessThanOrEqual(22);
    expect(writing).toEqual([...writing].sort((a, b) => a - b));
    expect(writing.at(-1)).toBe(1);
    const stages = [...new Set(progress.map((p) => p.stage))];
    expect(stages).toEqual(['started', 'writing', 'training', 'succeeded']);
    // Progress in plain words with a code the renderer translates: never the training's
    // internal stage names, model kinds, epochs or losses.
    const training = progress.filter((p) => p.stage === 'training');
    const messages = training.map((p) => p.message ?? '');
    expect(messages).toContain('Training the risk model: 1 of 2 candidates');
    expect(messages).toContain('Training the risk model: 2 of 2 candidates');
    expect(messages).toContain('Saving every student’s new score');
    expect(training.map((p) => p.step)).toContainEqual({ code: 'candidate', at: 2, of: 2 });
    // Every step after the first (the bar at 0 before anything is written) says what it does.
    const said = progress.filter(
      (x) => x.stage === 'training' || (x.stage === 'writing' && x.progress !== 0),
    );
    expect(said.length).toBeGreaterThan(8);
    for (const p of said) {
      expect(p.message).toBeDefined();
      expect(p.step).toBeDefined();
      expect(p.message).not.toMatch(
        /^(validate|examples|prepare|select|final|package|scoring|registering)\b/,
      );
      expect(p.message).not.toMatch(
        /\b(logistic|mlp|forest|boosting|ensemble|epochs?|loss|fold)\b/i,
      );
    }
    expect(progress.find((p) => p.stage === 'writing' && p.progress === 1)?.message).toMatch(
      /^Saving the school's records: up to \d{4}-\d{2}-\d{2}$/,
    );
    // The job's event, sent as it ended, names what the change log recorded while it ran (every
    // table the school was written to, refreshed features, the champion) and the re-scored risk,
    // though requests were served, and the journal emptied, in between.
    const jobChanged = events.filter((e) => e.event === 'dataChanged').at(-1);
    expect((jobChanged?.payload as Events['dataChanged']).entities).toEqual(
      expect.arrayContaining([
        'students',
        'classes',
        'terms',
        'school_calendar',
        'enrolments',
        'attendance',
        'marks',
        'student_features',
        'model_versions',
        'risk',
        'models',
      ]),
    );

    const schoolId = job?.schoolId ?? '';
    const live = champion(db, schoolId);
    expect(live?.trigger).toBe('demo school');
    const active = db
      .prepare("SELECT count(*) FROM students WHERE status = 'active'")
      .pluck()
      .get() as number;
    expect(active).toBeGreaterThanOrEqual(80);
    const scored = db
      .prepare('SELECT count(*) FROM risk_scores WHERE model_version_id = ?')
      .pluck()
      .get(live?.id) as number;
    expect(scored).toBeGreaterThanOrEqual(active);
    // Every row was written as the new administrator, through the staff services.
    const writers = db
      .prepare("SELECT DISTINCT user_id FROM audit_log WHERE entity = 'attendance'")
      .pluck()
      .all();
    expect(writers).toEqual([(job?.payload as { userId: string }).userId]);

    const connection = inProcessApi(backend);
    ok(await connection.signIn({ username: 'ada', password: admin.password }));
    const list = ok(await connection.riskList({ limit: 50 }));
    expect(list.model?.id).toBe(live?.id);
    expect(list.entries.length).toBe(50);
    expect(list.entries[0]?.factors.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('a database that already holds students', () => {
  it('refuses the demo school before creating any account', async () => {
    const other = await startBackend({ dbPath: join(dir, 'records.sqlite'), today: () => today });
    try {
      const system = inProcessApi(other, systemSession);
      ok(await system.saveSchoolProfile({ name: 'Hillside Secondary School' }));
      ok(
        await system.createStudent({
          studentNumber: 'S1',
          firstName: 'Ana',
          lastName: 'Silva',
          dateOfBirth: '2012-03-04',
        }),
      );
      const refused = await inProcessApi(other).loadDemoSchool(admin);
      expect(refused).toMatchObject({ ok: false, code: 'CONFLICT' });
      if (!refused.ok)
        expect(refused.message).toMatch(
          /^This database already holds 1 student, so the demo school cannot be loaded/,
        );
      // A database with a school is never offered first-run setup (issue 9 §1).
      expect(ok(await system.setupStatus({})).needsSetup).toBe(false);
      expect(listJobs(other.context.db)).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('cancelling the demo job while it writes', () => {
  it('stops between days, keeps whole days, and leaves no stale features', async () => {
    const other = await startBackend({ dbPath: join(dir, 'cancel.sqlite'), today: () => today });
    try {
      const db = other.context.db;
      const connection = inProcessApi(other);
      const { jobId } = ok(await connection.loadDemoSchool({ ...admin, students: 100 }));
      expect(getJob(db, jobId)?.status).toBe('queued'); // nothing runs until asked
      const stop = new Promise<void>((resolve) =>
        other.onEvent((event, payload) => {
          const p = payload as Events['jobProgress'];
          if (event === 'jobProgress' && p.stage === 'writing' && (p.progress ?? 0) >= 0.2) {
            resolve();
          }
        }),
      );
      const run = other.jobs.runOnce();
      await stop;
      expect(ok(await connection.cancelJob({ jobId }))).toEqual({ status: 'running' });
      await run;
      expect(getJob(db, jobId)?.status).toBe('cancelled');

      const students = db.prepare('SELECT count(*) FROM students').pluck().get() as number;
      expect(students).toBeGreaterThan(0);
      expect(db.prepare('SELECT count(*) FROM model_versions').pluck().get()).toBe(0);
      const features = () =>
        db
          .prepare(
            `SELECT student_id, ${featureColumnNames.join(', ')} FROM student_features ORDER BY student_id`,
          )
          .all();
      const kept = features();
      expect(kept).toHaveLength(students);
      rebuildFeatures(db, getJob(db, jobId)?.schoolId ?? '');
      expect(features()).toEqual(kept);
    } finally {
      await other.close();
    }
  }, 30_000);
});
