import type { Knex } from 'knex';
import { syncColumns } from './sql';

/**
 * What importing needs beyond the records tables: saved column mappings, and attendance known
 * only as a count per period (a spreadsheet that says "12 absences this year" without the dates).
 */
const statements = [
  `CREATE TABLE import_mappings (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL REFERENCES schools (id),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind TEXT NOT NULL CHECK (kind IN ('students', 'attendance', 'marks', 'incidents')),
    definition TEXT NOT NULL CHECK (json_valid(definition)),
    ${syncColumns},
    UNIQUE (school_id, id)
  )`,
  // A deleted mapping leaves a tombstone that syncs; its name is free to be used again.
  `CREATE UNIQUE INDEX import_mappings_by_name ON import_mappings (school_id, name)
    WHERE deleted_at IS NULL`,
  // Counts, never invented days: the feature store can tell a summary from a register.
  `CREATE TABLE attendance_summaries (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    period TEXT NOT NULL CHECK (length(trim(period)) > 0),
    absences INTEGER NOT NULL CHECK (absences BETWEEN 0 AND 366),
    school_days INTEGER CHECK (school_days IS NULL OR school_days BETWEEN absences AND 366),
    source TEXT,
    ${syncColumns},
    UNIQUE (school_id, id),
    UNIQUE (school_id, student_id, period),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id)
  )`,
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of statements) await knex.raw(sql);
}

export async function down(): Promise<void> {
  throw new Error('Beacon migrations are forward-only: restore a backup to go back.');
}
