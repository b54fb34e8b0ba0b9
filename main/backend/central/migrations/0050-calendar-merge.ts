import type { Knex } from 'knex';
import { groupRoles } from '../role-names';

/**
 * The calendar keeps one row per date (`UNIQUE (school_id, date)`), and two laptops can each set
 * the same new date offline, each under an id of its own. Like a mark, such a pair is settled by
 * the natural-key merge (sync/merge-sql.ts): the newer is kept and the older is removed and kept
 * whole as a conflict, which needs the school's role to delete calendar rows.
 */
export async function up(knex: Knex): Promise<void> {
  const db = String(
    ((await knex.raw('SELECT current_database() AS db')).rows[0] as { db: string }).db,
  );
  await knex.raw(`GRANT DELETE ON school_calendar TO ${groupRoles(db).school}`);
}

export async function down(): Promise<void> {
  throw new Error('Central migrations are forward-only: restore a backup to go back.');
}
