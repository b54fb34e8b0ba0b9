import type { Db } from '../../../db';
import { packSql, sortedPacked } from './packed-attendance';
import type { EnrolmentRow, IncidentRow, MarkRow, StatusChangeRow, StudentRows } from './types';

/** Rows of live students only, so every stream holds exactly the driver's students. */
const live = `student_id IN (SELECT id FROM students WHERE school_id = @school AND deleted_at IS NULL)`;

/** Each stream is ordered by student id in SQLite's order, and by date within a student. */
const sql = {
  students: `SELECT id, date_of_birth, grade_level, entry_date FROM students
    WHERE school_id = @school AND deleted_at IS NULL ORDER BY id`,
  // SQLite walks the compact table in its key order (student, then day) and packs each
  // student's run, with no sort; the runs are matched to the school's students by local key.
  attendance: `SELECT student_key, group_concat(${packSql}, '') FROM attendance_days
    WHERE deleted_at IS NULL GROUP BY student_key`,
  studentKeys: `SELECT s.id, k.key FROM students s JOIN local_keys k ON k.id = s.id
    WHERE s.school_id = @school AND s.deleted_at IS NULL`,
  incidents: `SELECT student_id, date, severity, suspension_days FROM behaviour_incidents
    WHERE school_id = @school AND deleted_at IS NULL AND ${live} ORDER BY student_id, date`,
  // Joined to the assessments in memory: a school has thousands of those, not millions.
  assessments: `SELECT a.id, a.max_score, a.weight, a.subject, a.date, t.id, t.start_date, t.end_date
    FROM assessments a
    LEFT JOIN terms t ON t.school_id = a.school_id AND t.id = a.term_id AND t.deleted_at IS NULL
    WHERE a.school_id = @school AND a.deleted_at IS NULL`,
  // One row per student, their marks as two JSON arrays in the index's order (the order the
  // per-student reader sees them in): a quarter of a million rows crossing one by one into
  // JavaScript cost twice as much. SQLite writes each score with all 17 digits, so it reads
  // back exactly.
  marks: `SELECT student_id, json_group_array(assessment_id), json_group_array(score)
    FROM marks INDEXED BY marks_features
    WHERE school_id = @school AND deleted_at IS NULL AND ${live}
    GROUP BY student_id ORDER BY student_id`,
  enrolments: `SELECT e.student_id, e.start_date, c.school_year, c.grade_level
    FROM enrolments e
    JOIN classes c ON c.school_id = e.school_id AND c.id = e.class_id AND c.deleted_at IS NULL
    WHERE e.school_id = @school AND e.deleted_at IS NULL AND e.${live}
    ORDER BY e.student_id`,
  statusChanges: `SELECT student_id, status, effective_date FROM student_status_changes
    WHERE school_id = @school AND deleted_at IS NULL AND ${live} ORDER BY student_id`,
};

type Raw = unknown[];

/** Walks one stream, handing out the run of rows that belong to each student in turn. */
class Stream<T> {
  private readonly rows: Iterator<Raw>;
  private head: Raw | undefined;
  constructor(
    rows: IterableIterator<Raw>,
    /** Null drops the row (e.g. a mark whose assessment is deleted). */
    private readonly toRow: (r: Raw) => T | null,
  ) {
    this.rows = rows;
    this.head = this.rows.next().value as Raw | undefined;
  }
  /** The rows for `studentId`: the stream holds only driver students, in the driver's order. */
  take(studentId: string): T[] {
    const out: T[] = [];
    while (this.head !== undefined && this.head[0] === studentId) {
      const row = this.toRow(this.head);
      if (row !== null) out.push(row);
      this.head = this.rows.next().value as Raw | undefined;
    }
    return out;
  }
  /** Whether every row was handed out: a row left over means the streams fell out of step. */
  get exhausted(): boolean {
    return this.head === undefined;
  }
  close(): void {
    this.rows.return?.();
  }
}

const str = (v: unknown) => v as string;
const strOrNull = (v: unknown) => v as string | null;
const num = (v: unknown) => v as number;
const numOrNull = (v: unknown) => v as number | null;

/**
 * Streams every live student's rows, one student at a time in id order, reading each table once
 * in a single ordered pass (stmt.iterate). The callback must not write to the database: the
 * connection is busy until the walk ends.
 */
export function forEachStudentRows(
  db: Db,
  schoolId: string,
  visit: (studentId: string, rows: StudentRows) => void,
): number {
  const open = (q: string) =>
    db.prepare(q).raw().iterate({ school: schoolId }) as IterableIterator<Raw>;
  const keys = new Map(
    db.prepare(sql.studentKeys).raw().all({ school: schoolId }) as [string, number][],
  );
  const packed = new Map(db.prepare(sql.attendance).raw().all() as [number, string][]);
  const attendanceOf = (id: string) => {
    const key = keys.get(id);
    return key === undefined ? '' : (packed.get(key) ?? '');
  };
  const incidents = new Stream<IncidentRow>(open(sql.incidents), (r) => ({
    date: str(r[1]),
    severity: num(r[2]),
    suspensionDays: num(r[3]),
  }));
  const assessments = new Map<string, Raw>();
  for (const a of open(sql.assessments)) assessments.set(str(a[0]), a);
  const marks = new Stream<MarkRow[]>(open(sql.marks), (r) => {
    const ids = JSON.parse(str(r[1])) as string[];
    const scores = JSON.parse(str(r[2])) as number[];
    const out: MarkRow[] = [];
    for (let i = 0; i < ids.length; i++) {
      const a = assessments.get(ids[i] as string);
      if (a === undefined) continue;
      out.push({
        score: scores[i] as number,
        maxScore: num(a[1]),
        weight: num(a[2]),
        subject: str(a[3]),
        date: strOrNull(a[4]),
        termId: strOrNull(a[5]),
        termStart: strOrNull(a[6]),
        termEnd: strOrNull(a[7]),
      });
    }
    return out;
  });
  const enrolments = new Stream<EnrolmentRow>(open(sql.enrolments), (r) => ({
    startDate: str(r[1]),
    schoolYear: str(r[2]),
    gradeLevel: numOrNull(r[3]),
  }));
  const statusChanges = new Stream<StatusChangeRow>(open(sql.statusChanges), (r) => ({
    status: str(r[1]),
    effectiveDate: str(r[2]),
  }));
  const streams = [incidents, marks, enrolments, statusChanges];
  let count = 0;
  try {
    for (const s of open(sql.students)) {
      const id = str(s[0]);
      visit(id, {
        student: {
          dateOfBirth: strOrNull(s[1]),
          gradeLevel: numOrNull(s[2]),
          entryDate: strOrNull(s[3]),
        },
        attendance: sortedPacked(attendanceOf(id)),
        incidents: incidents.take(id),
        marks: marks.take(id)[0] ?? [],
        enrolments: enrolments.take(id),
        statusChanges: statusChanges.take(id),
      });
      count++;
    }
    // Every stream holds only the driver's students in the driver's order, so each must be
    // empty now; if not, some rows were never counted, and a silent wrong answer is worse.
    if (!streams.every((s) => s.exhausted)) {
      throw new Error('The feature rebuild walked its tables out of step; nothing was written.');
    }
  } finally {
    for (const s of streams) s.close();
  }
  return count;
}
