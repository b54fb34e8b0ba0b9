import type { Knex } from 'knex';
import { groupRoles } from '../role-names';

/**
 * The audit log travels (sync/push-audit.ts). A laptop's entry is one per operation: besides its
 * own before and after it lists the rows the operation changed, each with only the columns that
 * changed (docs/storage.md). The central table made in 0040 had no place for that list, so it
 * gains `changes`: the laptop's compact form with every id a UUID.
 *
 * Append-only here too: laptops insert entries and never change one (an entry sent twice is
 * kept once by its key), so a school's role loses UPDATE on the table. Row-level security stays
 * enabled and forced as 0041 and 0047 set it; the new column is under the same policies.
 */
export async function up(knex: Knex): Promise<void> {
  const db = String(
    ((await knex.raw('SELECT current_database() AS db')).rows[0] as { db: string }).db,
  );
  const { school } = groupRoles(db);
  await knex.raw(`ALTER TABLE audit_log ADD COLUMN changes JSONB`);
  await knex.raw(`REVOKE UPDATE ON audit_log FROM ${school}`);
}

export async function down(): Promise<void> {
  throw new Error('Central migrations are forward-only: restore a backup to go back.');
}
