import type { Knex } from 'knex';

/** Local machinery that never syncs as records: the job queue, locks, the sync outbox and state. */
const statements = [
  `CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    school_id TEXT REFERENCES schools (id),
    kind TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
    status TEXT NOT NULL DEFAULT 'queued'
      CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts INTEGER NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
    run_after TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    progress TEXT CHECK (progress IS NULL OR json_valid(progress)),
    result TEXT CHECK (result IS NULL OR json_valid(result)),
    error TEXT,
    cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
    lease_owner TEXT,
    lease_expires_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    started_at TEXT,
    finished_at TEXT
  )`,
  `CREATE INDEX jobs_ready ON jobs (status, run_after)`,
  `CREATE TABLE locks (
    name TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    acquired_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  )`,
  // Written in the same transaction as the change it carries, so no change can miss the outbox.
  // The payload is null for rows that still exist: sync reads them when it pushes, so a bulk
  // import does not serialise every row twice. Hard deletes carry what sync needs to know.
  `CREATE TABLE sync_outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    school_id TEXT NOT NULL REFERENCES schools (id),
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    payload TEXT CHECK (payload IS NULL OR json_valid(payload)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  )`,
  `CREATE INDEX sync_outbox_by_school ON sync_outbox (school_id, seq)`,
  `CREATE TABLE sync_state (
    school_id TEXT NOT NULL REFERENCES schools (id),
    key TEXT NOT NULL,
    value TEXT NOT NULL CHECK (json_valid(value)),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (school_id, key)
  )`,
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of statements) await knex.raw(sql);
}

export async function down(): Promise<void> {
  throw new Error('Beacon migrations are forward-only: restore a backup to go back.');
}
