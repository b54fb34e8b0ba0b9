import type { Knex } from 'knex';

/**
 * The district's copy of every school's records. The same logical tables as a laptop, with
 * `school_id` leading every key and index so that the database can later be distributed by school
 * (Citus, a managed service) without a schema change. What never leaves a laptop (password hashes,
 * failed sign-in counts, lock times, sessions, a machine's settings) has no column here.
 *
 * Attendance, a laptop keeps by its natural key with no per-row stamps (the clock carries them), so
 * its id here is that key (`studentId/date`) and it has no created/updated columns.
 *
 * Every synced row carries two server columns: `server_seq`, taken from one sequence at each merge,
 * which is what another laptop pulls from; and `origin`, the laptop that wrote the kept version.
 *
 * The three largest tables (attendance, marks, audit_log) are partitioned by HASH (school_id):
 * every query Beacon makes, every push and every pull names exactly one school, so each touches one
 * partition of each; a school's rows stay together, which is also how Citus would shard them.
 * Partitioning by school year would make every school's push and pull visit every year's partition
 * and would not bound a school's footprint; retention by year is not something Beacon needs yet.
 */
const clock = `
  version BIGINT NOT NULL CHECK (version >= 0),
  deleted_at TEXT,
  server_seq BIGINT NOT NULL,
  origin TEXT NOT NULL`;
const sync = `
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version BIGINT NOT NULL CHECK (version >= 0),
  deleted_at TEXT,
  server_seq BIGINT NOT NULL,
  origin TEXT NOT NULL`;

/** Hash partitions per large table: enough to keep each small at district scale, few enough to plan fast. */
export const PARTITIONS = 8;

const partitions = (table: string) =>
  Array.from(
    { length: PARTITIONS },
    (_, i) =>
      `CREATE TABLE ${table}_p${i} PARTITION OF ${table}
        FOR VALUES WITH (MODULUS ${PARTITIONS}, REMAINDER ${i})`,
  );

const statements = [
  `CREATE SEQUENCE server_seq AS BIGINT`,
  `CREATE TABLE schools (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    code TEXT,
    region TEXT,
    country TEXT,
    timezone TEXT NOT NULL,
    school_year_start_month INTEGER NOT NULL,
    ${sync}
  )`,
  // A school's login role and the school it may see. A school's role is bound to its school id by
  // the first laptop that syncs (the laptop made the id); add-school knows only the code.
  `CREATE TABLE school_accounts (
    code TEXT PRIMARY KEY,
    role_name TEXT NOT NULL UNIQUE,
    school_id TEXT UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at TIMESTAMPTZ
  )`,
  `CREATE TABLE users (
    school_id TEXT NOT NULL REFERENCES schools (id),
    id TEXT NOT NULL,
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    disabled_at TEXT,
    ${sync},
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, username)
  )`,
  `CREATE TABLE students (
    school_id TEXT NOT NULL REFERENCES schools (id),
    id TEXT NOT NULL,
    student_number TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    sex TEXT,
    date_of_birth DATE,
    ethnicity TEXT,
    low_income INTEGER,
    grade_level INTEGER,
    entry_date DATE,
    status TEXT NOT NULL,
    archived_at TEXT,
    ${sync},
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, student_number)
  )`,
  `CREATE TABLE student_status_changes (
    school_id TEXT NOT NULL,
    id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    status TEXT NOT NULL,
    effective_date DATE NOT NULL,
    reason TEXT,
    recorded_by TEXT,
    ${sync},
    PRIMARY KEY (school_id, id)
  )`,
  `CREATE TABLE terms (
    school_id TEXT NOT NULL,
    id TEXT NOT NULL,
    school_year TEXT NOT NULL,
    name TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    ${sync},
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, school_year, name)
  )`,
  `CREATE TABLE school_calendar (
    school_id TEXT NOT NULL,
    id TEXT NOT NULL,
    date DATE NOT NULL,
    kind TEXT NOT NULL,
    note TEXT,
    ${sync},
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, date)
  )`,
  `CREATE TABLE classes (
    school_id TEXT NOT NULL,
    id TEXT NOT NULL,
    school_year TEXT NOT NULL,
    name TEXT NOT NULL,
    grade_level INTEGER,
    teacher_id TEXT,
    ${sync},
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, school_year, name)
  )`,
  `CREATE TABLE enrolments (
    school_id TEXT NOT NULL,
    id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    class_id TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
    ${sync},
    PRIMARY KEY (school_id, id)
  )`,
  `CREATE TABLE attendance (
    school_id TEXT NOT NULL,
    id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    class_id TEXT,
    date DATE NOT NULL,
    status TEXT NOT NULL,
    minutes_late INTEGER,
    note TEXT,
    recorded_by TEXT,
    ${clock},
    -- The id is the natural key (studentId/date): one index serves both.
    PRIMARY KEY (school_id, id)
  ) PARTITION BY HASH (school_id)`,
  ...partitions('attendance'),
  `CREATE TABLE assessments (
    school_id TEXT NOT NULL,
    id TEXT NOT NULL,
    class_id TEXT NOT NULL,
    term_id TEXT,
    subject TEXT NOT NULL,
    name TEXT NOT NULL,
    date DATE,
    max_score DOUBLE PRECISION NOT NULL,
    weight DOUBLE PRECISION NOT NULL,
    ${sync},
    PRIMARY KEY (school_id, id)
  )`,
  `CREATE TABLE marks (
    school_id TEXT NOT NULL,
    id TEXT NOT NULL,
    assessment_id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    ${sync},
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, assessment_id, student_id)
  ) PARTITION BY HASH (school_id)`,
  ...partitions('marks'),
  `CREATE TABLE behaviour_incidents (
    school_id TEXT NOT NULL,
    id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    date DATE NOT NULL,
    category TEXT NOT NULL,
    severity INTEGER NOT NULL,
    description TEXT,
    action_taken TEXT,
    suspension_days INTEGER NOT NULL,
    recorded_by TEXT,
    ${sync},
    PRIMARY KEY (school_id, id)
  )`,
  `CREATE TABLE interventions (
    school_id TEXT NOT NULL,
    id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    type TEXT NOT NULL,
    owner_id TEXT,
    start_date DATE NOT NULL,
    review_date DATE,
    status TEXT NOT NULL,
    outcome_note TEXT,
    ${sync},
    PRIMARY KEY (school_id, id)
  )`,
  `CREATE TABLE audit_log (
    school_id TEXT NOT NULL,
    id TEXT NOT NULL,
    at TEXT NOT NULL,
    user_id TEXT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT,
    before JSONB,
    after JSONB,
    origin TEXT NOT NULL,
    PRIMARY KEY (school_id, id)
  ) PARTITION BY HASH (school_id)`,
  ...partitions('audit_log'),
  // The version a merge did not keep, for a head teacher to see and settle. It syncs like a record
  // (resolving one on a laptop is a newer version of it).
  `CREATE TABLE sync_conflicts (
    school_id TEXT NOT NULL,
    id TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    kept_version BIGINT NOT NULL,
    kept_origin TEXT NOT NULL,
    lost_version BIGINT NOT NULL,
    lost_origin TEXT NOT NULL,
    lost_row TEXT NOT NULL,
    detected_at TEXT NOT NULL,
    resolution TEXT,
    resolved_by TEXT,
    resolved_at TEXT,
    ${sync},
    PRIMARY KEY (school_id, id),
    UNIQUE (school_id, table_name, row_id, lost_version)
  )`,
];

const pulled = [
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
  'sync_conflicts',
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of statements) await knex.raw(sql);
  // What another laptop pulls: a school's rows changed since a sequence number.
  for (const table of pulled) {
    const key = table === 'schools' ? 'id' : 'school_id';
    await knex.raw(`CREATE INDEX ${table}_pull ON ${table} (${key}, server_seq)`);
  }
}

export async function down(): Promise<void> {
  throw new Error('Central migrations are forward-only: restore a backup to go back.');
}
