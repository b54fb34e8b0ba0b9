import type { Knex } from 'knex';

/**
 * What the feature store reads on the register's hot path. Every save refreshes the students it
 * touched from their whole history, so the reads that history needs are covering indexes over
 * live rows: registers are saved a day at a time, which scatters one student's rows across the
 * table, and these reads never touch it. deleted_at is always NULL in them but is listed so that
 * SQLite knows the index covers the `deleted_at IS NULL` filter. The calendar one serves every
 * refresh call.
 */
const statements = [
  // Keyed by the packed entry the feature store reads (the date, then the status's first letter;
  // main/backend/features/packed-attendance.ts), so SQLite copies it out of the index instead of
  // building it for every record, and the entries come in date order.
  `CREATE INDEX attendance_features
    ON attendance (school_id, student_id, (date || substr(status, 1, 1)), deleted_at)
    WHERE deleted_at IS NULL`,
  `CREATE INDEX marks_features ON marks (school_id, student_id, assessment_id, score, deleted_at)
    WHERE deleted_at IS NULL`,
  `CREATE INDEX school_calendar_features ON school_calendar (school_id, date, kind, deleted_at)
    WHERE deleted_at IS NULL`,
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of statements) await knex.raw(sql);
}

export async function down(): Promise<void> {
  throw new Error('Beacon migrations are forward-only: restore a backup to go back.');
}
