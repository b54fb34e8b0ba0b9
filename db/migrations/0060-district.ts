import type { Knex } from 'knex';

/**
 * The district's side on a laptop: a student's national number (kept from school to school, how
 * the district recognises a dropout here who enrolled elsewhere), and the probable transfers the
 * central server reported at the last sync. The latter is a copy refreshed whole by each sync,
 * local to this laptop and never synced back.
 */
const statements = [
  `ALTER TABLE students ADD COLUMN national_number TEXT
     CHECK (national_number IS NULL OR length(trim(national_number)) > 0)`,
  `CREATE INDEX students_by_national_number ON students (school_id, national_number)
     WHERE national_number IS NOT NULL`,
  `CREATE TABLE probable_transfers (
    school_id TEXT NOT NULL REFERENCES schools (id),
    student_id TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    other_school_code TEXT,
    other_school_name TEXT NOT NULL,
    left_on TEXT,
    enrolled_on TEXT,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (school_id, student_id, direction, other_school_name),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id)
  )`,
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of statements) await knex.raw(sql);
}

export async function down(): Promise<void> {
  throw new Error('Beacon migrations are forward-only: restore a backup to go back.');
}
