import type { Knex } from 'knex';
import { schoolTables } from './0041-central-security';

/**
 * Each school table's policy asks `beacon_school()` once per statement instead of once per row:
 * wrapped in a sub-select, the planner runs it as an init plan. Called per row, the function (a
 * query on school_accounts) was a third of the cost of merging a pushed row (measured on the
 * first push of a million attendance rows). The rule itself is unchanged.
 */
export async function up(knex: Knex): Promise<void> {
  for (const table of [...schoolTables, 'risk_tiers']) {
    const key = table === 'schools' ? 'id' : 'school_id';
    await knex.raw(
      `ALTER POLICY own_school ON ${table}
         USING (${key} = (SELECT beacon_school())) WITH CHECK (${key} = (SELECT beacon_school()))`,
    );
  }
}

export async function down(): Promise<void> {
  throw new Error('Central migrations are forward-only: restore a backup to go back.');
}
