import type { Knex } from 'knex';

/**
 * Health figures over time (issue 12 §2): one row per figure per sample, local to the laptop
 * (never synced). Keyed by (metric, at) without a rowid, so a series over a span is one range
 * read of the key and a row costs about 30 bytes. `at` is Unix seconds. The metric names live in
 * the contract (`healthMetrics`), not in a CHECK, so a later version can add one without
 * rebuilding the table.
 */
const statements = [
  `CREATE TABLE health_samples (
    metric TEXT NOT NULL CHECK (length(metric) BETWEEN 1 AND 40),
    at INTEGER NOT NULL CHECK (at > 0),
    value REAL NOT NULL CHECK (value = value),
    PRIMARY KEY (metric, at)
  ) WITHOUT ROWID`,
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of statements) await knex.raw(sql);
}

export async function down(): Promise<void> {
  throw new Error('Beacon migrations are forward-only: restore a backup to go back.');
}
