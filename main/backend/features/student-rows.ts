import type Database from 'better-sqlite3';
import type { Db } from '../../../db';
import { packSql, sortedPacked } from './packed-attendance';
import type {
  AssessmentFacts,
  EnrolmentRow,
  IncidentRow,
  MarkRow,
  StatusChangeRow,
  StudentRecords,
  StudentRows,
} from './types';

/**
 * Students' live rows, one result row per student, each subquery reading through an index on
 * (school_id, student_id). Attendance comes back packed (packed-attendance.ts) from the compact
 * table's primary key (migration 0009), so a whole register history crosses into JavaScript as
 * one string; the short lists come as JSON arrays. Assessments and classes, shared by a class's
 * students, are looked up separately and cached per reader. The same select serves one student,
 * a set of students (a register's class, in one statement) and the whole school (the rebuild),
 * so the incremental path and the rebuild read exactly the same rows.
 */
const selectSql = `SELECT s.id, s.date_of_birth, s.grade_level, s.entry_date,
    (SELECT group_concat(${packSql}, '') FROM attendance_days
      WHERE student_key = (SELECT key FROM local_keys WHERE id = s.id) AND deleted_at IS NULL),
    (SELECT json_group_array(json_array(date, severity, suspension_days)) FROM behaviour_incidents
      WHERE school_id = s.school_id AND student_id = s.id AND deleted_at IS NULL),
    (SELECT json_group_array(json_array(assessment_id, score)) FROM marks INDEXED BY marks_features
      WHERE school_id = s.school_id AND student_id = s.id AND deleted_at IS NULL),
    (SELECT json_group_array(json_array(class_id, start_date)) FROM enrolments
      WHERE school_id = s.school_id AND student_id = s.id AND deleted_at IS NULL),
    (SELECT json_group_array(json_array(status, effective_date)) FROM student_status_changes
      WHERE school_id = s.school_id AND student_id = s.id AND deleted_at IS NULL)
  FROM students s`;

const oneSql = `${selectSql} WHERE s.school_id = ? AND s.id = ? AND s.deleted_at IS NULL`;

/** The ids come as one JSON array, so any number of students is one statement. */
export const someSql = `${selectSql}
  WHERE s.school_id = ? AND s.id IN (SELECT value FROM json_each(?)) AND s.deleted_at IS NULL`;

const allSql = `${selectSql} WHERE s.school_id = ? AND s.deleted_at IS NULL`;

const assessmentColumns = `a.max_score, a.weight, a.subject, a.date, t.id, t.start_date, t.end_date
  FROM assessments a
  LEFT JOIN terms t ON t.school_id = a.school_id AND t.id = a.term_id AND t.deleted_at IS NULL`;

const assessmentSql = `SELECT ${assessmentColumns} WHERE a.school_id = ? AND a.id = ? AND a.deleted_at IS NULL`;
const allAssessmentsSql = `SELECT a.id, ${assessmentColumns} WHERE a.school_id = ? AND a.deleted_at IS NULL`;

const classSql = `SELECT school_year, grade_level FROM classes
  WHERE school_id = ? AND id = ? AND deleted_at IS NULL`;
const allClassesSql = `SELECT id, school_year, grade_level FROM classes
  WHERE school_id = ? AND deleted_at IS NULL`;

type Stmt = Database.Statement<[string, string]>;
type SchoolStmt = Database.Statement<[string]>;
interface Statements {
  student: Stmt;
  some: Stmt;
  all: SchoolStmt;
  assessment: Stmt;
  allAssessments: SchoolStmt;
  klass: Stmt;
  allClasses: SchoolStmt;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      student: db.prepare<[string, string]>(oneSql).raw(),
      some: db.prepare<[string, string]>(someSql).raw(),
      all: db.prepare<[string]>(allSql).raw(),
      assessment: db.prepare<[string, string]>(assessmentSql).raw(),
      allAssessments: db.prepare<[string]>(allAssessmentsSql).raw(),
      klass: db.prepare<[string, string]>(classSql).raw(),
      allClasses: db.prepare<[string]>(allClassesSql).raw(),
    };
    cache.set(db, s);
  }
  return s;
}

export type AssessmentInfo = AssessmentFacts;
export type ClassInfo = Omit<EnrolmentRow, 'startDate'>;
type Raw = unknown[];

export const assessmentInfo = (r: Raw, at: number): AssessmentInfo => ({
  maxScore: r[at] as number,
  weight: r[at + 1] as number,
  subject: r[at + 2] as string,
  date: r[at + 3] as string | null,
  termId: r[at + 4] as string | null,
  termStart: r[at + 5] as string | null,
  termEnd: r[at + 6] as string | null,
});

export const classInfo = (r: Raw, at: number): ClassInfo => ({
  schoolYear: r[at] as string,
  gradeLevel: r[at + 1] as number | null,
});

/**
 * Turns students' result rows into StudentRows for one school, for the length of one
 * transaction: assessments and classes, shared by the students of a class, are looked up once
 * (or all loaded up front with `preload`, when a statement is still stepping).
 */
class RowsBuilder {
  private readonly assessments = new Map<string, AssessmentInfo | null>();
  private readonly classes = new Map<string, ClassInfo | null>();
  private complete = false;
  constructor(
    private readonly s: Statements,
    private readonly schoolId: string,
  ) {}

  /** Loads every live assessment and class of the school, so no lookup runs later. */
  preload(): void {
    for (const r of this.s.allAssessments.iterate(this.schoolId) as IterableIterator<Raw>) {
      this.assessments.set(r[0] as string, assessmentInfo(r, 1));
    }
    for (const r of this.s.allClasses.iterate(this.schoolId) as IterableIterator<Raw>) {
      this.classes.set(r[0] as string, classInfo(r, 1));
    }
    this.complete = true;
  }

  private assessment(id: string): AssessmentInfo | null {
    let a = this.assessments.get(id);
    if (a === undefined) {
      if (this.complete) return null;
      const r = this.s.assessment.get(this.schoolId, id) as Raw | undefined;
      a = r ? assessmentInfo(r, 0) : null;
      this.assessments.set(id, a);
    }
    return a;
  }

  private readonly klassOf = (id: string): ClassInfo | null => this.klass(id);

  private klass(id: string): ClassInfo | null {
    let c = this.classes.get(id);
    if (c === undefined) {
      if (this.complete) return null;
      const r = this.s.klass.get(this.schoolId, id) as Raw | undefined;
      c = r ? classInfo(r, 0) : null;
      this.classes.set(id, c);
    }
    return c;
  }

  /** One student's rows from a result row (its columns as in `selectSql`). */
  build(r: Raw): StudentRows {
    const marks: MarkRow[] = [];
    for (const m of JSON.parse(r[6] as string) as [string, number][]) {
      const a = this.assessment(m[0]);
      if (a !== null) marks.push(markRow(m[1], a));
    }
    const records = studentRecords(r, marks, this.klassOf);
    // One literal of one shape (no spread), as the rules' loops expect.
    return {
      student: records.student,
      // In date order as the primary key yields them; checked, since group_concat promises no order.
      attendance: sortedPacked((r[4] as string | null) ?? ''),
      incidents: records.incidents,
      marks,
      enrolments: records.enrolments,
      statusChanges: records.statusChanges,
    };
  }
}

/** A mark with its assessment's facts, as a literal of one shape (which keeps the rules fast). */
export const markRow = (score: number, a: AssessmentInfo): MarkRow => ({
  score,
  maxScore: a.maxScore,
  weight: a.weight,
  subject: a.subject,
  date: a.date,
  termId: a.termId,
  termStart: a.termStart,
  termEnd: a.termEnd,
});

/**
 * A student's rows but attendance from a result row whose columns 1-3 are the student's facts
 * and 5, 7 and 8 their incidents, enrolments and status changes as JSON (as in `selectSql`):
 * enrolments in a class `klass` does not know are left out.
 */
export function studentRecords<Marks>(
  r: Raw,
  marks: Marks,
  klass: (id: string) => ClassInfo | null,
): StudentRecords<Marks> {
  // Rows are built as literals of one shape (no spreads), which keeps the rules' loops fast.
  const incidents: IncidentRow[] = [];
  for (const i of JSON.parse(r[5] as string) as [string, number, number][]) {
    incidents.push({ date: i[0], severity: i[1], suspensionDays: i[2] });
  }
  const enrolments: EnrolmentRow[] = [];
  for (const e of JSON.parse(r[7] as string) as [string, string][]) {
    const c = klass(e[0]);
    if (c !== null) {
      enrolments.push({ startDate: e[1], schoolYear: c.schoolYear, gradeLevel: c.gradeLevel });
    }
  }
  const statusChanges: StatusChangeRow[] = [];
  for (const c of JSON.parse(r[8] as string) as [string, string][]) {
    statusChanges.push({ status: c[0], effectiveDate: c[1] });
  }
  return {
    student: {
      dateOfBirth: r[1] as string | null,
      gradeLevel: r[2] as number | null,
      entryDate: r[3] as string | null,
    },
    incidents,
    marks,
    enrolments,
    statusChanges,
  };
}

/**
 * A reader of students' own rows for one school, for the length of one transaction: assessments
 * and classes, shared by the students of a class, are looked up once per reader.
 */
export function studentRowsReader(
  db: Db,
  schoolId: string,
): (studentId: string) => StudentRows | null {
  const s = statements(db);
  const builder = new RowsBuilder(s, schoolId);
  return (studentId) => {
    const r = s.student.get(schoolId, studentId) as Raw | undefined;
    return r ? builder.build(r) : null;
  };
}

/**
 * The rows of many students in one statement: the named ones (those live in this school; the
 * others are not visited), or with `null` every live student of the school. Order is SQLite's.
 * The callback must not use the database: for the whole school the statement is still stepping.
 */
export function forStudentsRows(
  db: Db,
  schoolId: string,
  studentIds: readonly string[] | null,
  visit: (studentId: string, rows: StudentRows) => void,
): void {
  const s = statements(db);
  const builder = new RowsBuilder(s, schoolId);
  if (studentIds === null) {
    builder.preload();
    for (const r of s.all.iterate(schoolId) as IterableIterator<Raw>) {
      visit(r[0] as string, builder.build(r));
    }
    return;
  }
  if (studentIds.length === 0) return;
  const rows = s.some.all(schoolId, JSON.stringify(studentIds)) as Raw[];
  for (const r of rows) visit(r[0] as string, builder.build(r));
}

/** One live student's own rows; null when the student is deleted or not in this school. */
export function loadStudentRows(db: Db, schoolId: string, studentId: string): StudentRows | null {
  return studentRowsReader(db, schoolId)(studentId);
}
