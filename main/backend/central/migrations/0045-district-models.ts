import type { Knex } from 'knex';
import { groupRoles } from '../role-names';

/**
 * The models district training publishes, one row per trained version of a school: the artifact
 * bytes with their sha256 (a laptop checks it before it keeps one), the metrics, the model kind
 * and when and where it was trained. Row-level security, forced: a school's role reads only its
 * own school's models and writes none; district admins publish them.
 */
export async function up(knex: Knex): Promise<void> {
  const db = String(
    ((await knex.raw('SELECT current_database() AS db')).rows[0] as { db: string }).db,
  );
  const { school, district } = groupRoles(db);
  await knex.raw(`CREATE TABLE district_models (
    school_id TEXT NOT NULL REFERENCES schools (id),
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    feature_schema_hash TEXT NOT NULL,
    artifact BYTEA NOT NULL,
    artifact_sha256 TEXT NOT NULL CHECK (artifact_sha256 ~ '^[0-9a-f]{64}$'),
    metrics JSONB NOT NULL,
    training_from TEXT,
    training_to TEXT,
    trained_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    trained_by TEXT NOT NULL,
    PRIMARY KEY (school_id, id)
  )`);
  // What a laptop asks for: its school's models, oldest first.
  await knex.raw(`CREATE INDEX district_models_school ON district_models (school_id, trained_at)`);
  await knex.raw(`ALTER TABLE district_models ENABLE ROW LEVEL SECURITY`);
  await knex.raw(`ALTER TABLE district_models FORCE ROW LEVEL SECURITY`);
  await knex.raw(
    `CREATE POLICY own_school ON district_models FOR SELECT TO ${school}
       USING (school_id = beacon_school())`,
  );
  await knex.raw(
    `CREATE POLICY district ON district_models TO ${district} USING (true) WITH CHECK (true)`,
  );
  await knex.raw(`GRANT SELECT ON district_models TO ${school}`);
  await knex.raw(`GRANT SELECT, INSERT ON district_models TO ${district}`);
}

export async function down(): Promise<void> {
  throw new Error('Central migrations are forward-only: restore a backup to go back.');
}
