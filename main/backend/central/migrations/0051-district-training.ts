import type { Knex } from 'knex';
import { groupRoles } from '../role-names';

/**
 * District training reads a school through sync's pull, which takes the sequence's current value
 * as the end of its snapshot (`SELECT last_value FROM server_seq`). School roles could read it
 * (they take numbers from it); the district role could not, so training worked only for a
 * superuser. Reading, not taking: district admins never merge rows.
 */
export async function up(knex: Knex): Promise<void> {
  const db = String(
    ((await knex.raw('SELECT current_database() AS db')).rows[0] as { db: string }).db,
  );
  const { district } = groupRoles(db);
  await knex.raw(`GRANT SELECT ON SEQUENCE server_seq TO ${district}`);
}

export async function down(): Promise<void> {
  throw new Error('Central migrations are forward-only: restore a backup to go back.');
}
