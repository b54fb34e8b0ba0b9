import type { ExportKind, ImportKind } from '../../../contract/domains/import';
import { importFields } from '../../../contract/domains/import';
import type { Db } from '../../../db';
import { riskList } from '../services/risk-views';

export type ExportValue = string | number | null;

/** A kind's records as a table: the column names, and one row of values per record. */
export interface ExportTable {
  columns: readonly string[];
  rows: ExportValue[][];
  /** Columns of free text (written so a spreadsheet never runs them as formulas). */
  text: ReadonlySet<string>;
  /** Columns of dates written YYYY-MM-DD (real date cells in a workbook). */
  dates: ReadonlySet<string>;
}

/** The columns export writes for import's kinds: the fields minus those only import derives. */
const importColumns: Record<ImportKind, readonly string[]> = {
  students: importFields.students.filter((f) => !['full_name', 'age', 'absences'].includes(f)),
  attendance: importFields.attendance,
  marks: importFields.marks,
  incidents: importFields.incidents,
};

const TEXT = new Set([
  'student_number',
  'first_name',
  'last_name',
  'ethnicity',
  'class',
  'note',
  'subject',
  'assessment',
  'term',
  'category',
  'action_taken',
  'description',
  'name',
  'teacher',
  'type',
  'owner',
  'outcome_note',
  'reasons',
  'data_gaps',
  'score_text',
]);

const DATES = new Set([
  'date',
  'status_date',
  'date_of_birth',
  'entry_date',
  'start_date',
  'end_date',
  'review_date',
]);

/** Each SQL kind's query; its result columns are named as the export columns. */
const queries: Record<Exclude<ExportKind, 'risk_scores'>, { columns: string[]; sql: string }> = {
  students: {
    columns: [...importColumns.students],
    sql: `SELECT s.student_number, s.first_name, s.last_name, s.sex, s.date_of_birth,
      s.grade_level, s.entry_date, s.ethnicity,
      CASE s.low_income WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END AS low_income,
      c.name AS class, c.school_year, s.status AS enrolment_status,
      CASE WHEN s.status <> 'active' THEN (
        SELECT x.effective_date FROM student_status_changes x
        WHERE x.school_id = s.school_id AND x.student_id = s.id AND x.deleted_at IS NULL
        ORDER BY x.effective_date DESC LIMIT 1) END AS status_date
    FROM students s
    LEFT JOIN enrolments e ON e.id = (
      SELECT e2.id FROM enrolments e2
      WHERE e2.school_id = s.school_id AND e2.student_id = s.id AND e2.deleted_at IS NULL
        AND e2.start_date <= @today
      ORDER BY (e2.end_date IS NULL OR e2.end_date >= @today) DESC, e2.start_date DESC LIMIT 1)
    LEFT JOIN classes c ON c.id = e.class_id
    WHERE s.school_id = @school AND s.deleted_at IS NULL
    ORDER BY s.student_number`,
  },
  attendance: {
    columns: [...importColumns.attendance],
    sql: `SELECT s.student_number, a.date, a.status, a.minutes_late, a.note
    FROM attendance a JOIN students s ON s.id = a.student_id
    WHERE a.school_id = @school AND a.deleted_at IS NULL AND s.deleted_at IS NULL
    ORDER BY s.student_number, a.date`,
  },
  marks: {
    columns: [...importColumns.marks],
    sql: `SELECT s.student_number, c.name AS class, c.school_year, a.subject, a.name AS assessment,
      t.name AS term, m.score, a.max_score AS maximum, a.weight, a.date
    FROM marks m
    JOIN assessments a ON a.id = m.assessment_id
    JOIN classes c ON c.id = a.class_id
    LEFT JOIN terms t ON t.id = a.term_id AND t.deleted_at IS NULL
    JOIN students s ON s.id = m.student_id
    WHERE m.school_id = @school AND m.deleted_at IS NULL AND a.deleted_at IS NULL
      AND s.deleted_at IS NULL
    ORDER BY c.school_year, c.name, a.subject, a.name, s.student_number`,
  },
  incidents: {
    columns: [...importColumns.incidents],
    sql: `SELECT s.student_number, i.date, i.category, i.severity, i.action_taken,
      i.suspension_days, i.description
    FROM behaviour_incidents i JOIN students s ON s.id = i.student_id
    WHERE i.school_id = @school AND i.deleted_at IS NULL AND s.deleted_at IS NULL
    ORDER BY s.student_number, i.date, i.category`,
  },
  classes: {
    columns: ['school_year', 'name', 'grade_level', 'teacher'],
    sql: `SELECT c.school_year, c.name, c.grade_level, u.username AS teacher
    FROM classes c LEFT JOIN users u ON u.id = c.teacher_id
    WHERE c.school_id = @school AND c.deleted_at IS NULL
    ORDER BY c.school_year, c.name`,
  },
  enrolments: {
    columns: ['student_number', 'class', 'school_year', 'start_date', 'end_date'],
    sql: `SELECT s.student_number, c.name AS class, c.school_year, e.start_date, e.end_date
    FROM enrolments e
    JOIN students s ON s.id = e.student_id
    JOIN classes c ON c.id = e.class_id
    WHERE e.school_id = @school AND e.deleted_at IS NULL AND s.deleted_at IS NULL
    ORDER BY s.student_number, e.start_date`,
  },
  interventions: {
    columns: [
      'student_number',
      'type',
      'owner',
      'start_date',
      'review_date',
      'status',
      'outcome_note',
    ],
    sql: `SELECT s.student_number, i.type, u.username AS owner, i.start_date, i.review_date,
      i.status, i.outcome_note
    FROM interventions i
    JOIN students s ON s.id = i.student_id
    LEFT JOIN users u ON u.id = i.owner_id
    WHERE i.school_id = @school AND i.deleted_at IS NULL AND s.deleted_at IS NULL
    ORDER BY s.student_number, i.start_date, i.type`,
  },
};

const riskColumns = [
  'student_number',
  'class',
  'score',
  'tier',
  'score_text',
  'reasons',
  'data_gaps',
  'scored_at',
];

/** Every scored student with the live score's words and reasons, highest risk first. */
function riskTable(db: Db, schoolId: string, today: string): ExportValue[][] {
  const rows: ExportValue[][] = [];
  const page = 1000;
  for (let offset = 0; ; offset += page) {
    const list = riskList(db, schoolId, { teacherId: null, today, limit: page, offset });
    for (const e of list.entries) {
      const said = (kind: 'indicator' | 'data_gap') =>
        e.factors
          .filter((f) => f.kind === kind)
          .map((f) => f.text)
          .join('; ');
      rows.push([
        e.studentNumber,
        e.className,
        e.score,
        e.tier,
        e.scoreText,
        said('indicator'),
        said('data_gap'),
        e.scoredAt,
      ]);
    }
    if (list.entries.length < page) return rows;
  }
}

/**
 * A kind's live records as a table. Import's kinds come in the column layout import matches by
 * itself, so exporting and importing the file again changes nothing.
 */
export function exportTable(
  db: Db,
  schoolId: string,
  kind: ExportKind,
  today: string,
): ExportTable {
  if (kind === 'risk_scores') {
    return { columns: riskColumns, rows: riskTable(db, schoolId, today), text: TEXT, dates: DATES };
  }
  const { columns, sql } = queries[kind];
  const records = db.prepare(sql).all({
    school: schoolId,
    ...(kind === 'students' ? { today } : {}),
  }) as Record<string, ExportValue>[];
  return {
    columns,
    rows: records.map((r) => columns.map((c) => r[c] ?? null)),
    text: TEXT,
    dates: DATES,
  };
}
