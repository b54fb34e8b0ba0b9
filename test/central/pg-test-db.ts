import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach } from 'vitest';
import { roleTag } from '../../main/backend/central/role-names';

/** The server tests use: BEACON_TEST_PG_URL, or the local PostgreSQL with trust auth. */
export const serverUrl =
  process.env.BEACON_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const withDatabase = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

async function admin<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

/**
 * A fresh database per test on the real server, dropped after it together with every role made
 * for it (roles are server-wide). Returns its admin URL.
 */
export function usePgDatabase(): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    for (const db of made.splice(0)) {
      await admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
        const roles = await c.query<{ rolname: string }>(
          'SELECT rolname FROM pg_roles WHERE rolname LIKE $1',
          [`${roleTag(db)}%`],
        );
        for (const r of roles.rows) await c.query(`DROP ROLE IF EXISTS ${r.rolname}`);
      });
    }
  });
  return async () => {
    const db = `beacon_t_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${db}`));
    made.push(db);
    return withDatabase(serverUrl, db);
  };
}

/** Runs queries on a database as the server's admin. */
export async function asAdmin<T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}
