import type { Knex } from 'knex';
import { syncColumns } from './sql';

/**
 * The versions a central merge did not keep (two laptops edited one row, or made the same natural
 * key), pulled from the server for a head teacher to settle on the Conflicts screen. A conflict
 * syncs like a record: settling it on one laptop is a newer version of it.
 */
const statements = [
  `CREATE TABLE sync_conflicts (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL REFERENCES schools (id),
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    kept_version INTEGER NOT NULL,
    kept_origin TEXT NOT NULL,
    lost_version INTEGER NOT NULL,
    lost_origin TEXT NOT NULL,
    lost_row TEXT NOT NULL CHECK (json_valid(lost_row)),
    detected_at TEXT NOT NULL,
    resolution TEXT CHECK (resolution IS NULL OR resolution IN ('kept', 'restored')),
    resolved_by TEXT,
    resolved_at TEXT,
    ${syncColumns},
    UNIQUE (school_id, id)
  )`,
  `CREATE INDEX sync_conflicts_open ON sync_conflicts (school_id, resolved_at, detected_at)`,
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of statements) await knex.raw(sql);
}

export async function down(): Promise<void> {
  throw new Error('Beacon migrations are forward-only: restore a backup to go back.');
}
