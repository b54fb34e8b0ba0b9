import type { Knex } from 'knex';
import { groupRoles } from '../role-names';

/** Every table a school's role works on; each gets row-level security. */
export const schoolTables = [
  'schools',
  'users',
  'students',
  'student_status_changes',
  'terms',
  'school_calendar',
  'classes',
  'enrolments',
  'attendance',
  'assessments',
  'marks',
  'behaviour_incidents',
  'interventions',
  'audit_log',
  'sync_conflicts',
];

/**
 * One role per school and one for district admins (roles belong to the whole server, so their
 * names carry a short tag of this database; see role-names.ts). Row-level security, forced even on
 * the tables' owner, keeps a school's role to the rows of the school its account is bound to,
 * whatever it sends.
 */
export async function up(knex: Knex): Promise<void> {
  const db = String(
    ((await knex.raw('SELECT current_database() AS db')).rows[0] as { db: string }).db,
  );
  const { school, district } = groupRoles(db);
  for (const role of [school, district]) {
    await knex.raw(
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
           CREATE ROLE ${role} NOLOGIN;
         END IF;
       END $$`,
    );
  }
  // Not SECURITY DEFINER: current_user is the school's login role, and school_accounts' own policy
  // shows that role only its own account.
  await knex.raw(
    `CREATE FUNCTION beacon_school() RETURNS TEXT LANGUAGE sql STABLE AS $$
       SELECT school_id FROM school_accounts WHERE role_name = current_user AND revoked_at IS NULL
     $$`,
  );
  // The first laptop of a school binds the account to the school id it made; later calls only read.
  await knex.raw(
    `CREATE FUNCTION beacon_claim_school(claimed TEXT) RETURNS TEXT LANGUAGE plpgsql
       SECURITY DEFINER SET search_path = public AS $$
     DECLARE bound TEXT;
     BEGIN
       UPDATE school_accounts SET school_id = claimed
         WHERE role_name = session_user AND school_id IS NULL AND revoked_at IS NULL;
       SELECT school_id INTO bound FROM school_accounts
         WHERE role_name = session_user AND revoked_at IS NULL;
       RETURN bound;
     END $$`,
  );
  await knex.raw(`REVOKE ALL ON FUNCTION beacon_claim_school(TEXT) FROM PUBLIC`);
  await knex.raw(`GRANT EXECUTE ON FUNCTION beacon_claim_school(TEXT) TO ${school}`);
  await knex.raw(`ALTER TABLE school_accounts ENABLE ROW LEVEL SECURITY`);
  await knex.raw(`ALTER TABLE school_accounts FORCE ROW LEVEL SECURITY`);
  await knex.raw(
    `CREATE POLICY own_account ON school_accounts FOR SELECT TO ${school}
       USING (role_name = current_user)`,
  );
  await knex.raw(`CREATE POLICY district ON school_accounts TO ${district} USING (true)`);
  await knex.raw(`GRANT SELECT ON school_accounts TO ${school}`);
  await knex.raw(`GRANT SELECT, INSERT, UPDATE ON school_accounts TO ${district}`);

  for (const table of schoolTables) {
    const key = table === 'schools' ? 'id' : 'school_id';
    await knex.raw(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
    await knex.raw(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    await knex.raw(
      `CREATE POLICY own_school ON ${table} TO ${school}
         USING (${key} = beacon_school()) WITH CHECK (${key} = beacon_school())`,
    );
    await knex.raw(
      `CREATE POLICY district ON ${table} TO ${district} USING (true) WITH CHECK (true)`,
    );
    await knex.raw(`GRANT SELECT, INSERT, UPDATE ON ${table} TO ${school}`);
    await knex.raw(`GRANT SELECT ON ${table} TO ${district}`);
  }
  // A merge replaces the loser of two rows with one natural key (one mark per student per day).
  await knex.raw(`GRANT DELETE ON attendance, marks TO ${school}`);
  await knex.raw(`GRANT USAGE, SELECT ON SEQUENCE server_seq TO ${school}`);
  // Laptops compare the server's schema history with their own before they send anything.
  await knex.raw(`GRANT SELECT ON knex_migrations TO ${school}, ${district}`);
}

export async function down(): Promise<void> {
  throw new Error('Central migrations are forward-only: restore a backup to go back.');
}
