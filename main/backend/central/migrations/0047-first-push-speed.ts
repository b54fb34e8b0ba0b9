import type { Knex } from 'knex';
import { schoolTables } from './0041-central-security';

/**
 * Two fixes measured on the first push of a million attendance rows.
 *
 * Each school table's policy asks `beacon_school()` once per statement instead of once per row:
 * wrapped in a sub-select, the planner runs it as an init plan. Called per row, the function (a
 * query on school_accounts) was a third of the server's cost of merging a pushed row. The rule
 * itself is unchanged.
 *
 * The summary refresh after a school's first push meets partitions with no statistics yet (a
 * school's role cannot analyse them), and counted each (student, month) by a bitmap scan of the
 * school's whole partition, materialised and filtered per pair: quadratic, still running after
 * 15 minutes for a million rows. Without bitmap scans and materialising, each pair is a range of
 * the attendance key, as the function means.
 */
export async function up(knex: Knex): Promise<void> {
  for (const table of [...schoolTables, 'risk_tiers']) {
    const key = table === 'schools' ? 'id' : 'school_id';
    await knex.raw(
      `ALTER POLICY own_school ON ${table}
         USING (${key} = (SELECT beacon_school())) WITH CHECK (${key} = (SELECT beacon_school()))`,
    );
  }
  await knex.raw(
    `ALTER FUNCTION beacon_refresh_summaries(TEXT)
       SET enable_bitmapscan = off SET enable_material = off`,
  );
}

export async function down(): Promise<void> {
  throw new Error('Central migrations are forward-only: restore a backup to go back.');
}
