import type { Knex } from 'knex';
import { groupRoles } from '../role-names';

/**
 * A school's school-wide settings (how its risk is judged, the expected-age offset its features
 * use), as its laptops send them, so district training builds and judges a school's model as the
 * school's own laptops would. One row per school and key; `changed_at` is the server's clock at
 * the push of a changed value. Row-level security, forced: a school's role reads and writes only
 * its own rows; district admins read them. Settings of one machine (backup folders, the update
 * source) never come here: the laptop sends only the keys sync/school-settings.ts lists.
 */
export async function up(knex: Knex): Promise<void> {
  const db = String(
    ((await knex.raw('SELECT current_database() AS db')).rows[0] as { db: string }).db,
  );
  const { school, district } = groupRoles(db);
  await knex.raw(`CREATE TABLE school_settings (
    school_id TEXT NOT NULL REFERENCES schools (id),
    key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
    value JSONB NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (school_id, key)
  )`);
  await knex.raw(`ALTER TABLE school_settings ENABLE ROW LEVEL SECURITY`);
  await knex.raw(`ALTER TABLE school_settings FORCE ROW LEVEL SECURITY`);
  await knex.raw(
    `CREATE POLICY own_school ON school_settings TO ${school}
       USING (school_id = beacon_school()) WITH CHECK (school_id = beacon_school())`,
  );
  await knex.raw(`CREATE POLICY district ON school_settings TO ${district} USING (true)`);
  await knex.raw(`GRANT SELECT, INSERT, UPDATE ON school_settings TO ${school}`);
  await knex.raw(`GRANT SELECT ON school_settings TO ${district}`);
}

export async function down(): Promise<void> {
  throw new Error('Central migrations are forward-only: restore a backup to go back.');
}
