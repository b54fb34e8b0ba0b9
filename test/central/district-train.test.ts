import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { addDistrictAdmin } from '../../main/backend/central/central-admin';
import { migrateCentral } from '../../main/backend/central/central-schema';
import { parseCentralUrl } from '../../main/backend/central/central-url';
import {
  readConnectionFile,
  readDistrictConnectionFile,
} from '../../main/backend/central/connection-file';
import { BOSS_SCHEMA, TRAIN_QUEUE } from '../../main/backend/central/job-queue';
import { queueDistrictTraining } from '../../main/backend/district/district-queue';
import { trainSchoolForDistrict } from '../../main/backend/district/district-train';
import { runCli } from '../support/run-cli';
import { spawnChild, type Child } from '../support/spawn-child';
import { useTempDir } from '../support/temp-dir';
import { writeSetting } from '../../db/settings';
import { EXPECTED_AGE_OFFSET_KEY } from '../../main/backend/features/school-inputs';
import { writeRiskSettings } from '../../main/backend/scoring/risk-settings';
import { districtToday, quickTraining, syncedDemoSchool, type DemoLaptop } from './district-world';
import { asAdmin, usePgDatabase } from './pg-test-db';

const newDatabase = usePgDatabase();
const tempDir = useTempDir();

const tools = () => ({ signal: new AbortController().signal, progress: () => undefined });

async function until<T>(what: string, probe: () => Promise<T | null>, ms = 300_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const got = await probe();
    if (got !== null) return got;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * Small schools on a fresh central database, each synced from its own laptop, after `prepare`
 * (by code) ran on that laptop.
 */
async function district(
  codes: string[],
  prepare: Record<string, (db: DemoLaptop['db'], schoolId: string) => void> = {},
) {
  const url = await newDatabase();
  const target = parseCentralUrl(url);
  await migrateCentral(target);
  const dir = tempDir();
  const laptops = [];
  for (const code of codes) {
    const laptop = await syncedDemoSchool(target, dir, code, 3, prepare[code]);
    laptops.push(laptop);
    await laptop.backend.close();
  }
  return { url, target, laptops, dir };
}

/**
 * The URL of a district admin made by `beacon central add-admin` (a member of the district role:
 * not a superuser, not the database's owner, no right to create a schema), with its own password.
 */
async function districtAdminUrl(url: string, dir: string): Promise<string> {
  const file = join(dir, 'maria.beacon-connection');
  const added = await addDistrictAdmin(parseCentralUrl(url), 'maria', file);
  const { connection, password } = readDistrictConnectionFile(
    readFileSync(file, 'utf8'),
    added.enrolmentCode,
  );
  const rights = await asAdmin(url, (c) =>
    c.query(
      `SELECT r.rolsuper, r.rolbypassrls, d.datdba = r.oid AS owner,
              has_database_privilege(r.oid, current_database(), 'CREATE') AS creates
         FROM pg_roles r, pg_database d WHERE r.rolname = $1 AND d.datname = current_database()`,
      [connection.role],
    ),
  );
  expect(rights.rows).toEqual([
    { rolsuper: false, rolbypassrls: false, owner: false, creates: false },
  ]);
  const u = new URL(url);
  u.username = connection.role;
  u.password = password;
  return u.toString();
}

describe('district training', () => {
  it('two worker processes share one queue and every school is trained exactly once', async () => {
    const codes = ['NORTH', 'SOUTH', 'EAST'];
    const { url: ownerUrl, laptops, dir } = await district(codes);
    // Everything below runs as a district admin; the owner's URL only reads what happened.
    const url = await districtAdminUrl(ownerUrl, dir);
    const workers: Child[] = [0, 1].map(() =>
      spawnChild('beacon-cli', ['central', 'worker', '--url', url, '--concurrency', '1']),
    );
    try {
      // Both take jobs before any is queued, so the queue is really shared.
      for (const w of workers) {
        await until('a worker to be ready', async () => {
          if (w.process.exitCode !== null)
            throw new Error(`a worker stopped: ${(await w.exited).stderr}`);
          return w.lines.some((l) => l.startsWith('Worker ')) ? true : null;
        });
      }
      const queued = runCli([
        'central',
        'train',
        '--url',
        url,
        '--today',
        districtToday,
        '--candidates',
        'logistic',
      ]);
      expect(queued.stderr).toBe('');
      for (const code of codes) expect(queued.stdout).toContain(`Queued ${code} (job `);
      const jobs = await until('every job to finish', async () => {
        const res = await asAdmin(ownerUrl, (c) =>
          c.query<{ key: string; state: string; retry_count: number }>(
            `SELECT singleton_key AS key, state, retry_count FROM beacon_jobs.job WHERE name = $1`,
            [TRAIN_QUEUE],
          ),
        );
        const finished = res.rows.filter((r) => ['completed', 'failed'].includes(r.state));
        return finished.length === codes.length ? res.rows : null;
      });
      expect(jobs.map((j) => [j.key, j.state, j.retry_count]).sort()).toEqual(
        [...codes].sort().map((c) => [c, 'completed', 0]),
      );
    } finally {
      for (const w of workers) w.process.kill('SIGTERM');
    }
    const exits = await Promise.all(workers.map((w) => w.exited));
    for (const e of exits) expect(e.code, e.stderr).toBe(0);

    const models = await asAdmin(ownerUrl, (c) =>
      c.query<{ school_id: string; n: number; trained_by: string }>(
        `SELECT school_id, count(*)::int AS n, min(trained_by) AS trained_by
           FROM district_models GROUP BY school_id`,
      ),
    );
    expect(models.rows.map((r) => r.n)).toEqual(codes.map(() => 1));
    expect(new Set(models.rows.map((r) => r.school_id))).toEqual(
      new Set(laptops.map((l) => l.schoolId)),
    );
    // Each worker says which schools it trained: together each school once, and both took part.
    const trained = workers.map((w) =>
      w.lines.filter((l) => l.startsWith('Trained ')).map((l) => l.split(/[ :]/)[1]),
    );
    expect(trained.flat().sort()).toEqual([...codes].sort());
    for (const mine of trained) expect(mine.length).toBeGreaterThan(0);
    expect(new Set(models.rows.map((r) => r.trained_by)).size).toBe(2);

    // One machine alone: `train --workers 1` queues and trains in the same process.
    const alone = runCli([
      'central',
      'train',
      '--url',
      url,
      '--school',
      'NORTH',
      '--workers',
      '1',
      '--today',
      districtToday,
      '--candidates',
      'logistic',
    ]);
    expect(alone.stderr).toBe('');
    expect(alone.stdout).toMatch(/Queued NORTH \(job .*\n(.*\n)*Trained NORTH: logistic/);
    const north = await asAdmin(ownerUrl, (c) =>
      c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM district_models m JOIN school_accounts a
            ON a.school_id = m.school_id WHERE a.code = 'NORTH'`,
      ),
    );
    expect(north.rows[0]?.n).toBe(2);
    // A school already waiting is not queued twice.
    const again = runCli(['central', 'train', '--url', url, '--school', 'SOUTH']);
    expect(again.stdout).toContain('Queued SOUTH (job ');
    const twice = runCli(['central', 'train', '--url', url, 'SOUTH']);
    expect(twice.stdout).toContain('SOUTH already has a training waiting; not queued twice.');
    const unknown = runCli(['central', 'train', '--url', url, '--school', 'NOWHERE']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('School NOWHERE has no account on this server');
  }, 480_000);

  it("refuses a school another machine is training, and publishes models only that school's role can read", async () => {
    // ALPHA's head teacher set the school's own risk settings; BETA kept the defaults. Both have
    // the same simulated records (one demo seed), so only the settings tell their models apart.
    const { url, target, laptops } = await district(['ALPHA', 'BETA'], {
      ALPHA: (db, schoolId) => {
        writeRiskSettings(db, schoolId, {
          horizonMonths: 6,
          protectedInputs: true,
          shares: { high: 0.2, medium: 0.2 },
        });
        writeSetting(db, schoolId, EXPECTED_AGE_OFFSET_KEY, 5);
        writeSetting(db, schoolId, 'backups', { folder: '/media/usb-of-this-machine' });
      },
    });
    const [alpha, beta] = laptops as [(typeof laptops)[0], (typeof laptops)[0]];
    const payload = { code: 'ALPHA', today: districtToday, trainOptions: quickTraining };

    // Another admin's machine holds ALPHA's training lock.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query(
        `SELECT pg_advisory_lock(hashtext('beacon-district-train'), hashtext($1::text))`,
        [alpha.schoolId],
      );
      await expect(trainSchoolForDistrict(target, payload, tools())).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('ALPHA is being trained by another admin or machine'),
      });
      const none = await asAdmin(url, (c) => c.query('SELECT 1 FROM district_models'));
      expect(none.rowCount).toBe(0);
    } finally {
      await other.end();
    }

    const a = await trainSchoolForDistrict(target, payload, tools());
    const b = await trainSchoolForDistrict(target, { ...payload, code: 'BETA' }, tools());
    expect(a.schoolId).toBe(alpha.schoolId);
    expect(b.schoolId).toBe(beta.schoolId);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);

    // ALPHA's laptop sent its school-wide settings and nothing of the machine's (no backup
    // folder, no cut-offs of its last scoring); BETA, never changed, sent none.
    const sent = await asAdmin(url, (c) =>
      c.query<{ code: string; key: string; value: unknown }>(
        `SELECT a.code, s.key, s.value FROM school_settings s
           JOIN school_accounts a ON a.school_id = s.school_id ORDER BY a.code, s.key`,
      ),
    );
    expect(sent.rows).toEqual([
      { code: 'ALPHA', key: EXPECTED_AGE_OFFSET_KEY, value: 5 },
      {
        code: 'ALPHA',
        key: 'risk',
        value: {
          highShare: 0.2,
          mediumShare: 0.2,
          highFloor: 0.2,
          mediumFloor: 0.1,
          promotionTolerance: 0,
          keepVersions: 5,
          horizonMonths: 6,
          retrainEveryDays: 30,
          protectedInputs: true,
        },
      },
    ]);
    // Trained with them: a 6-month horizon lets snapshots run 6 months later than BETA's 12, and
    // protected inputs make another feature schema.
    const published = await asAdmin(url, (c) =>
      c.query<{ code: string; hash: string; to: string }>(
        `SELECT a.code, m.feature_schema_hash AS hash, m.training_to AS to
           FROM district_models m JOIN school_accounts a ON a.school_id = m.school_id ORDER BY a.code`,
      ),
    );
    const [alphaModel, betaModel] = published.rows;
    expect([alphaModel?.to, betaModel?.to]).toEqual(['2026-05-01', '2025-11-01']);
    expect(alphaModel?.hash).not.toBe(betaModel?.hash);

    const { connection, password } = readConnectionFile(
      alpha.connection.text,
      alpha.connection.code,
    );
    const asAlpha = new pg.Client({
      host: connection.host,
      port: connection.port,
      database: connection.database,
      user: connection.role,
      password,
    });
    await asAlpha.connect();
    try {
      const seen = await asAlpha.query<{ school_id: string; id: string; kind: string }>(
        'SELECT school_id, id, kind FROM district_models',
      );
      expect(seen.rows).toEqual([{ school_id: alpha.schoolId, id: a.modelId, kind: a.kind }]);
      const other = await asAlpha.query(
        `SELECT count(*)::int AS n FROM district_models WHERE school_id = $1`,
        [beta.schoolId],
      );
      expect(other.rows[0]).toEqual({ n: 0 });
      await expect(
        asAlpha.query(
          `INSERT INTO district_models (school_id, id, kind, feature_schema_hash, artifact,
             artifact_sha256, metrics, trained_by)
           SELECT school_id, 'forged', kind, feature_schema_hash, artifact, artifact_sha256,
                  metrics, 'alpha' FROM district_models`,
        ),
      ).rejects.toMatchObject({ code: '42501' });
      // Its settings row is its own: another school's is refused.
      await expect(
        asAlpha.query(
          `INSERT INTO school_settings (school_id, key, value) VALUES ($1, 'risk', '{}')`,
          [beta.schoolId],
        ),
      ).rejects.toMatchObject({ code: '42501' });
      // The queue is the district's: a school's role can neither read it nor add a job to it.
      for (const sql of [
        `SELECT count(*) FROM ${BOSS_SCHEMA}.job`,
        `INSERT INTO ${BOSS_SCHEMA}.job (name, data) VALUES ('${TRAIN_QUEUE}', '{}')`,
      ]) {
        await expect(asAlpha.query(sql)).rejects.toMatchObject({ code: '42501' });
      }
    } finally {
      await asAlpha.end();
    }
    const asSchool = { ...target, user: connection.role, password };
    await expect(
      queueDistrictTraining(asSchool, { codes: ['ALPHA'], today: districtToday }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: /not a district admin/ });
    const total = await asAdmin(url, (c) =>
      c.query<{ n: number }>('SELECT count(*)::int AS n FROM district_models'),
    );
    expect(total.rows[0]?.n).toBe(2);

    // A setting a laptop's own form would refuse is refused here too, before any training.
    await asAdmin(url, (c) =>
      c.query(
        `UPDATE school_settings SET value = jsonb_set(value, '{horizonMonths}', '99') WHERE key = 'risk'`,
      ),
    );
    await expect(trainSchoolForDistrict(target, payload, tools())).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining(`School ALPHA's setting "risk" on the server is not valid`),
    });

    // A server whose queue was never made (or was dropped) says what to run; init makes it again.
    await asAdmin(url, (c) => c.query(`DROP SCHEMA ${BOSS_SCHEMA} CASCADE`));
    await expect(queueDistrictTraining(target, { today: districtToday })).rejects.toMatchObject({
      code: 'CENTRAL_SCHEMA_MISMATCH',
      message: expect.stringContaining('run `beacon central init`'),
    });
    await migrateCentral(target);
    const queued = await queueDistrictTraining(target, { today: districtToday });
    expect(queued.queued.map((q) => q.code).sort()).toEqual(['ALPHA', 'BETA']);
  }, 240_000);
});
