import type { Knex } from 'knex';
import { syncColumns } from './sql';

/** Schools, their users and settings, and the audit trail every write leaves. */
const statements = [
  `CREATE TABLE schools (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    code TEXT,
    region TEXT,
    country TEXT,
    timezone TEXT NOT NULL DEFAULT 'UTC',
    school_year_start_month INTEGER NOT NULL DEFAULT 9
      CHECK (school_year_start_month BETWEEN 1 AND 12),
    ${syncColumns}
  )`,
  `CREATE TABLE users (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL REFERENCES schools (id),
    username TEXT NOT NULL CHECK (length(username) BETWEEN 1 AND 64),
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'head_teacher', 'teacher')),
    password_hash TEXT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until TEXT,
    disabled_at TEXT,
    ${syncColumns},
    UNIQUE (school_id, id),
    UNIQUE (school_id, username)
  )`,
  `CREATE TABLE settings (
    school_id TEXT NOT NULL REFERENCES schools (id),
    key TEXT NOT NULL CHECK (length(key) > 0),
    value TEXT NOT NULL CHECK (json_valid(value)),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    version INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (school_id, key)
  )`,
  `CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL REFERENCES schools (id),
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    user_id TEXT,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'import', 'login', 'other')),
    entity TEXT NOT NULL,
    entity_id TEXT,
    before TEXT CHECK (before IS NULL OR json_valid(before)),
    after TEXT CHECK (after IS NULL OR json_valid(after)),
    UNIQUE (school_id, id)
  )`,
  `CREATE INDEX audit_log_by_time ON audit_log (school_id, at)`,
  `CREATE INDEX audit_log_by_entity ON audit_log (school_id, entity, entity_id)`,
  // The audit trail is append-only: history that can be rewritten is no history.
  `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of statements) await knex.raw(sql);
}

export async function down(): Promise<void> {
  throw new Error('Beacon migrations are forward-only: restore a backup to go back.');
}
