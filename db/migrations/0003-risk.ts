import type { Knex } from 'knex';
import { syncColumns, validOptionalDate } from './sql';

/** The feature store, risk scores with their history, and the model registry. */
const statements = [
  // One row per student, kept current in the same transaction as each write that changes it.
  `CREATE TABLE student_features (
    school_id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    school_days INTEGER NOT NULL DEFAULT 0,
    attendance_rate REAL CHECK (attendance_rate BETWEEN 0 AND 1),
    attendance_rate_30d REAL CHECK (attendance_rate_30d BETWEEN 0 AND 1),
    attendance_trend REAL,
    longest_absence_streak INTEGER NOT NULL DEFAULT 0,
    late_count INTEGER NOT NULL DEFAULT 0,
    incidents_sev1_90d INTEGER NOT NULL DEFAULT 0,
    incidents_sev2_90d INTEGER NOT NULL DEFAULT 0,
    incidents_sev3_90d INTEGER NOT NULL DEFAULT 0,
    suspension_days INTEGER NOT NULL DEFAULT 0,
    average_mark REAL,
    last_term_average REAL,
    mark_trend REAL,
    failed_subjects INTEGER NOT NULL DEFAULT 0,
    over_age_years INTEGER NOT NULL DEFAULT 0,
    repeated_grade INTEGER NOT NULL DEFAULT 0 CHECK (repeated_grade IN (0, 1)),
    school_moves INTEGER NOT NULL DEFAULT 0,
    as_of TEXT ${validOptionalDate('as_of')},
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (school_id, student_id),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id)
  )`,
  `CREATE TABLE model_versions (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL REFERENCES schools (id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('champion', 'challenger', 'retired')),
    status_reason TEXT,
    source TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'district')),
    trigger TEXT NOT NULL,
    training_from TEXT ${validOptionalDate('training_from')},
    training_to TEXT ${validOptionalDate('training_to')},
    feature_schema_hash TEXT NOT NULL,
    metrics TEXT NOT NULL CHECK (json_valid(metrics)),
    artifact_sha256 TEXT NOT NULL CHECK (length(artifact_sha256) = 64),
    artifact BLOB,
    ${syncColumns},
    UNIQUE (school_id, id)
  )`,
  `CREATE INDEX model_versions_by_status ON model_versions (school_id, status, created_at)`,
  // At most one champion per school, enforced by the database rather than by hope.
  `CREATE UNIQUE INDEX model_versions_one_champion ON model_versions (school_id)
    WHERE status = 'champion' AND deleted_at IS NULL`,
  `CREATE TABLE model_live_history (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL,
    model_version_id TEXT NOT NULL,
    live_from TEXT NOT NULL,
    live_to TEXT,
    reason TEXT NOT NULL,
    UNIQUE (school_id, id),
    FOREIGN KEY (school_id, model_version_id) REFERENCES model_versions (school_id, id)
  )`,
  `CREATE INDEX model_live_history_by_time ON model_live_history (school_id, live_from)`,
  // The latest score per student: the risk list reads this table alone.
  `CREATE TABLE risk_scores (
    school_id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    model_version_id TEXT NOT NULL,
    score REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
    tier TEXT NOT NULL CHECK (tier IN ('low', 'medium', 'high')),
    factors TEXT NOT NULL CHECK (json_valid(factors)),
    scored_at TEXT NOT NULL,
    PRIMARY KEY (school_id, student_id),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id),
    FOREIGN KEY (school_id, model_version_id) REFERENCES model_versions (school_id, id)
  )`,
  `CREATE INDEX risk_scores_by_score ON risk_scores (school_id, score DESC)`,
  `CREATE TABLE risk_score_history (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    model_version_id TEXT NOT NULL,
    score REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
    tier TEXT NOT NULL CHECK (tier IN ('low', 'medium', 'high')),
    scored_at TEXT NOT NULL,
    UNIQUE (school_id, id),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id),
    FOREIGN KEY (school_id, model_version_id) REFERENCES model_versions (school_id, id)
  )`,
  `CREATE INDEX risk_history_by_student ON risk_score_history (school_id, student_id, scored_at)`,
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of statements) await knex.raw(sql);
}

export async function down(): Promise<void> {
  throw new Error('Beacon migrations are forward-only: restore a backup to go back.');
}
