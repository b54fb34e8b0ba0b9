import pg from 'pg';
import type PgBoss from 'pg-boss';
import { clientConfig, type CentralTarget } from './central-url';
import { groupRoles } from './role-names';

/** The pg-boss queue of district training: one job per school. */
export const TRAIN_QUEUE = 'beacon-district-train';

/** pg-boss keeps its own tables in this schema of the central database. */
export const BOSS_SCHEMA = 'beacon_jobs';

/** A training that has not finished in this long is given up and retried (a worker died). */
const EXPIRE_SECONDS = 6 * 3_600;

/**
 * pg-boss's settings for a Beacon process. `migrate` is true only for `beacon central init`:
 * everyone else (a district admin's `train` and `worker`) finds the schema made and never tries
 * to create or upgrade it, which its role may not do.
 */
export function bossOptions(
  target: CentralTarget,
  options: { max: number; supervise: boolean; migrate: boolean; password?: string },
): PgBoss.ConstructorOptions {
  const c = clientConfig(target, options.password);
  return {
    host: c.host,
    port: c.port,
    database: c.database,
    user: c.user,
    ...(typeof c.password === 'string' ? { password: c.password } : {}),
    ssl: c.ssl,
    application_name: 'beacon-district-train',
    schema: BOSS_SCHEMA,
    max: options.max,
    supervise: options.supervise,
    migrate: options.migrate,
    schedule: false,
  };
}

/**
 * Makes (or upgrades) pg-boss's schema and the training queue, then grants the district role
 * what a queue's user needs: reading and writing its tables, nothing that creates or alters
 * them. Run by `beacon central init` with the database owner's account, so district admins need
 * no right to create schemas. School roles get nothing here. Idempotent; two inits at once queue
 * on one advisory lock (two `create_queue` calls at once deadlocked in pg-boss).
 */
export async function installJobQueue(target: CentralTarget, password?: string): Promise<void> {
  // Loaded here only: the queue stays out of the start of commands that never touch it.
  const { default: PgBossClass } = await import('pg-boss');
  const c = new pg.Client(clientConfig(target, password));
  c.on('error', () => undefined);
  await c.connect();
  try {
    await c.query(`SELECT pg_advisory_lock(hashtext('beacon-district-queue'))`);
    const boss = new PgBossClass(
      bossOptions(target, {
        max: 1,
        supervise: false,
        migrate: true,
        ...(password !== undefined ? { password } : {}),
      }),
    );
    boss.on('error', () => undefined);
    await boss.start();
    try {
      if (!(await boss.getQueue(TRAIN_QUEUE))) {
        // 'stately': at most one job of a school waiting and one running, whoever queues it.
        await boss.createQueue(TRAIN_QUEUE, {
          name: TRAIN_QUEUE,
          policy: 'stately',
          retryLimit: 1,
          retryDelay: 60,
          expireInSeconds: EXPIRE_SECONDS,
        });
      }
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    const { district } = groupRoles(target.database);
    await c.query(`GRANT USAGE ON SCHEMA ${BOSS_SCHEMA} TO ${district}`);
    // The queue's partition is a table of its own: made above, so ALL TABLES covers it.
    await c.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${BOSS_SCHEMA} TO ${district}`,
    );
  } finally {
    await c.end().catch(() => undefined);
  }
}
