import Database from 'better-sqlite3';
import knex from 'knex';
import { applyPragmas } from '../../db/open';
import { migrations, type Migration } from '../../db/migrations';

/** Applies only the first `count` migrations, as an older Beacon would have left the file. */
export async function migrateTo(path: string, count: number): Promise<Database.Database> {
  const list = migrations.slice(0, count);
  const k = knex({
    client: 'better-sqlite3',
    connection: { filename: path },
    useNullAsDefault: true,
  });
  try {
    await k.migrate.latest({
      migrationSource: {
        getMigrations: () => Promise.resolve([...list]),
        getMigrationName: (m: Migration) => m.name,
        getMigration: (m: Migration) => Promise.resolve(m),
      },
    });
  } finally {
    await k.destroy();
  }
  const db = new Database(path);
  applyPragmas(db);
  return db;
}

/** The plan SQLite picks for a query, one detail line per step. */
export function queryPlan(db: Database.Database, sql: string, ...params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join('\n');
}

export const tableNames = (db: Database.Database): string[] =>
  db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
