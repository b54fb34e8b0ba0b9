import type { Knex } from 'knex';
import { syncColumns, validDate, validOptionalDate } from './sql';

/**
 * A school's records. Every table carries school_id in a unique key and references other rows by
 * (school_id, id), so a row can never point into another school and the tables can be distributed
 * by school in PostgreSQL.
 */
const statements = [
  `CREATE TABLE students (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL REFERENCES schools (id),
    student_number TEXT NOT NULL CHECK (length(trim(student_number)) > 0),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    sex TEXT CHECK (sex IN ('F', 'M', 'X')),
    date_of_birth TEXT ${validOptionalDate('date_of_birth')},
    ethnicity TEXT,
    low_income INTEGER CHECK (low_income IN (0, 1)),
    grade_level INTEGER CHECK (grade_level BETWEEN 0 AND 13),
    entry_date TEXT ${validOptionalDate('entry_date')},
    status TEXT NOT NULL DEFAULT 'active'
      CHECK (status IN ('active', 'transferred_out', 'dropped_out', 'graduated')),
    archived_at TEXT,
    ${syncColumns},
    UNIQUE (school_id, id),
    UNIQUE (school_id, student_number)
  )`,
  `CREATE TABLE student_status_changes (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    status TEXT NOT NULL
      CHECK (status IN ('transferred_out', 'dropped_out', 'graduated', 'returned')),
    effective_date TEXT NOT NULL ${validDate('effective_date')},
    reason TEXT,
    recorded_by TEXT,
    ${syncColumns},
    UNIQUE (school_id, id),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id)
  )`,
  `CREATE INDEX status_changes_by_student
    ON student_status_changes (school_id, student_id, effective_date)`,
  `CREATE TABLE terms (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL REFERENCES schools (id),
    school_year TEXT NOT NULL CHECK (school_year GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
    name TEXT NOT NULL,
    start_date TEXT NOT NULL ${validDate('start_date')},
    end_date TEXT NOT NULL ${validDate('end_date')},
    ${syncColumns},
    CHECK (end_date >= start_date),
    UNIQUE (school_id, id),
    UNIQUE (school_id, school_year, name)
  )`,
  `CREATE TABLE school_calendar (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL REFERENCES schools (id),
    date TEXT NOT NULL ${validDate('date')},
    kind TEXT NOT NULL CHECK (kind IN ('school_day', 'holiday', 'closure')),
    note TEXT,
    ${syncColumns},
    UNIQUE (school_id, id),
    UNIQUE (school_id, date)
  )`,
  `CREATE TABLE classes (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL REFERENCES schools (id),
    school_year TEXT NOT NULL CHECK (school_year GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    grade_level INTEGER CHECK (grade_level BETWEEN 0 AND 13),
    teacher_id TEXT,
    ${syncColumns},
    UNIQUE (school_id, id),
    UNIQUE (school_id, school_year, name),
    FOREIGN KEY (school_id, teacher_id) REFERENCES users (school_id, id)
  )`,
  `CREATE TABLE enrolments (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    class_id TEXT NOT NULL,
    start_date TEXT NOT NULL ${validDate('start_date')},
    end_date TEXT ${validOptionalDate('end_date')},
    ${syncColumns},
    CHECK (end_date IS NULL OR end_date >= start_date),
    UNIQUE (school_id, id),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id),
    FOREIGN KEY (school_id, class_id) REFERENCES classes (school_id, id)
  )`,
  `CREATE INDEX enrolments_by_class ON enrolments (school_id, class_id, start_date)`,
  `CREATE INDEX enrolments_by_student ON enrolments (school_id, student_id, start_date)`,
  `CREATE TABLE attendance (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    class_id TEXT,
    date TEXT NOT NULL ${validDate('date')},
    status TEXT NOT NULL CHECK (status IN ('present', 'absent', 'late', 'excused')),
    minutes_late INTEGER CHECK (minutes_late IS NULL OR minutes_late >= 0),
    note TEXT,
    recorded_by TEXT,
    ${syncColumns},
    UNIQUE (school_id, id),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id),
    FOREIGN KEY (school_id, class_id) REFERENCES classes (school_id, id)
  )`,
  // One row per student per day; also the index for a student's attendance by date.
  `CREATE UNIQUE INDEX attendance_by_student_date ON attendance (school_id, student_id, date)`,
  `CREATE INDEX attendance_register ON attendance (school_id, class_id, date)`,
  `CREATE TABLE assessments (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL,
    class_id TEXT NOT NULL,
    term_id TEXT,
    subject TEXT NOT NULL CHECK (length(trim(subject)) > 0),
    name TEXT NOT NULL,
    date TEXT ${validOptionalDate('date')},
    max_score REAL NOT NULL CHECK (max_score > 0),
    weight REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
    ${syncColumns},
    UNIQUE (school_id, id),
    FOREIGN KEY (school_id, class_id) REFERENCES classes (school_id, id),
    FOREIGN KEY (school_id, term_id) REFERENCES terms (school_id, id)
  )`,
  `CREATE INDEX assessments_by_class ON assessments (school_id, class_id, term_id)`,
  `CREATE TABLE marks (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL,
    assessment_id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    score REAL NOT NULL CHECK (score >= 0),
    ${syncColumns},
    UNIQUE (school_id, id),
    UNIQUE (school_id, assessment_id, student_id),
    FOREIGN KEY (school_id, assessment_id) REFERENCES assessments (school_id, id),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id)
  )`,
  `CREATE INDEX marks_by_student ON marks (school_id, student_id)`,
  // A mark above its assessment's maximum is a typing error: refuse it where it cannot be bypassed.
  `CREATE TRIGGER marks_within_maximum_insert BEFORE INSERT ON marks
    WHEN NEW.score > (SELECT max_score FROM assessments WHERE id = NEW.assessment_id)
    BEGIN SELECT RAISE(ABORT, 'mark is above the assessment maximum'); END`,
  `CREATE TRIGGER marks_within_maximum_update BEFORE UPDATE OF score, assessment_id ON marks
    WHEN NEW.score > (SELECT max_score FROM assessments WHERE id = NEW.assessment_id)
    BEGIN SELECT RAISE(ABORT, 'mark is above the assessment maximum'); END`,
  `CREATE TRIGGER assessments_maximum_covers_marks BEFORE UPDATE OF max_score ON assessments
    WHEN EXISTS (SELECT 1 FROM marks WHERE assessment_id = NEW.id AND score > NEW.max_score)
    BEGIN SELECT RAISE(ABORT, 'assessment maximum is below an existing mark'); END`,
  `CREATE TABLE behaviour_incidents (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    date TEXT NOT NULL ${validDate('date')},
    category TEXT NOT NULL CHECK (length(trim(category)) > 0),
    severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),
    description TEXT,
    action_taken TEXT,
    suspension_days INTEGER NOT NULL DEFAULT 0 CHECK (suspension_days BETWEEN 0 AND 365),
    recorded_by TEXT,
    ${syncColumns},
    UNIQUE (school_id, id),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id)
  )`,
  `CREATE INDEX incidents_by_student ON behaviour_incidents (school_id, student_id, date)`,
  `CREATE TABLE interventions (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    type TEXT NOT NULL CHECK (length(trim(type)) > 0),
    owner_id TEXT,
    start_date TEXT NOT NULL ${validDate('start_date')},
    review_date TEXT ${validOptionalDate('review_date')},
    status TEXT NOT NULL DEFAULT 'planned'
      CHECK (status IN ('planned', 'active', 'completed', 'cancelled')),
    outcome_note TEXT,
    ${syncColumns},
    CHECK (review_date IS NULL OR review_date >= start_date),
    UNIQUE (school_id, id),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id),
    FOREIGN KEY (school_id, owner_id) REFERENCES users (school_id, id)
  )`,
  `CREATE INDEX interventions_by_student ON interventions (school_id, student_id, start_date)`,
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of statements) await knex.raw(sql);
}

export async function down(): Promise<void> {
  throw new Error('Beacon migrations are forward-only: restore a backup to go back.');
}
