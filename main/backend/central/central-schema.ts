import knex, { type Knex } from 'knex';
import type { Client } from 'pg';
import { BeaconError } from '../../../db';
import type { CentralTarget } from './central-url';
import { clientConfig } from './central-url';
import { installJobQueue } from './job-queue';
import { centralMigrations, centralMigrationSource } from './migrations';

const known = centralMigrations.map((m) => m.name);

/** The migrations a central database says it has, oldest first (none when it was never set up). */
export async function centralApplied(client: Client): Promise<string[]> {
  const exists = await client.query<{ t: string | null }>(
    "SELECT to_regclass('knex_migrations')::text AS t",
  );
  if (!exists.rows[0]?.t) return [];
  const res = await client.query<{ name: string }>('SELECT name FROM knex_migrations ORDER BY id');
  return res.rows.map((r) => r.name);
}

/**
 * Refuses a central server whose schema is not exactly this Beacon's: a newer one (update
 * Beacon), an older one (the district runs `beacon central init`) or a diverged one.
 */
export function checkCentralSchema(applied: readonly string[], host: string): void {
  const same = applied.length === known.length && applied.every((n, i) => n === known[i]);
  if (same) return;
  const details = { server: applied, beacon: known };
  if (applied.length === 0) {
    throw new BeaconError(
      'CENTRAL_SCHEMA_MISMATCH',
      `The central database on ${host} is not set up for Beacon; the district runs \`beacon central init\`.`,
      details,
    );
  }
  const prefix = (a: readonly string[], b: readonly string[]) => a.every((n, i) => b[i] === n);
  if (prefix(known, applied)) {
    throw new BeaconError(
      'CENTRAL_SCHEMA_MISMATCH',
      `The central server ${host} runs a newer Beacon schema (${applied.length} steps, this Beacon knows ${known.length}); update Beacon on this laptop. Nothing was sent.`,
      details,
    );
  }
  if (prefix(applied, known)) {
    throw new BeaconError(
      'CENTRAL_SCHEMA_MISMATCH',
      `The central server ${host} runs an older Beacon schema (${applied.length} of ${known.length} steps); the district runs \`beacon central init\` to update it. Nothing was sent.`,
      details,
    );
  }
  throw new BeaconError(
    'CENTRAL_SCHEMA_MISMATCH',
    `The central server ${host} has a schema history this Beacon does not know; ask the district. Nothing was sent.`,
    details,
  );
}

/**
 * Creates or updates the central schema (knex on pg), after refusing a newer or diverged one,
 * then district training's queue (pg-boss's own schema, made by this account, not by the admins
 * who use it).
 */
export async function migrateCentral(target: CentralTarget, password?: string): Promise<string[]> {
  const k = knex({
    client: 'pg',
    connection: clientConfig(target, password) as Knex.PgConnectionConfig,
    pool: { min: 0, max: 1 },
  });
  try {
    const applied = await k.raw("SELECT to_regclass('knex_migrations')::text AS t");
    const rows = (applied.rows as { t: string | null }[])[0]?.t
      ? ((await k.raw('SELECT name FROM knex_migrations ORDER BY id')).rows as { name: string }[])
      : [];
    const names = rows.map((r) => r.name);
    const prefix = names.every((n, i) => known[i] === n);
    if (!prefix) checkCentralSchema(names, target.host);
    await k.migrate.latest({ migrationSource: centralMigrationSource });
  } finally {
    await k.destroy();
  }
  await installJobQueue(target, password);
  return known;
}
