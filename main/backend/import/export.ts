import type { ExportedRecords, ImportKind } from '../../../contract/domains/import';
import { importFields } from '../../../contract/domains/import';
import type { Db } from '../../../db';
import { safeText, toCsv } from './csv-write';

type Row = Record<string, string | number | null>;

/** The columns export writes: the kind's fields minus those only an import derives. */
const exportColumns: Record<ImportKind, readonly string[]> = {
  students: importFields.students.filter((f) => !['full_name', 'age', 'absences'].includes(f)),
  attendance: importFields.attendance,
  marks: importFields.marks,
  incidents: importFields.incidents,
};

/** Columns holding free text, written so a spreadsheet never runs them as formulas. */
const textColumns = new Set([
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
]);

const queries: Record<ImportKind, string> = {
  students: `SELECT s.student_number, s.first_name, s.last_name, s.sex, s.date_of_birth,
      s.grade_level, s.entry_date, s.ethnicity,
      CASE s.low_income WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END AS low_income,
      c.name AS class, c.school_year
    FROM students s
    LEFT JOIN enrolments e ON e.id = (
      SELECT e2.id FROM enrolments e2
      WHERE e2.school_id = s.school_id AND e2.student_id = s.id AND e2.deleted_at IS NULL
        AND e2.start_date <= @today
      ORDER BY (e2.end_date IS NULL OR e2.end_date >= @today) DESC, e2.start_date DESC LIMIT 1)
    LEFT JOIN classes c ON c.id = e.class_id
    WHERE s.school_id = @school AND s.deleted_at IS NULL
    ORDER BY s.student_number`,
  attendance: `SELECT s.student_number, a.date, a.status, a.minutes_late, a.note
    FROM attendance a JOIN students s ON s.id = a.student_id
    WHERE a.school_id = @school AND a.deleted_at IS NULL AND s.deleted_at IS NULL
    ORDER BY s.student_number, a.date`,
  marks: `SELECT s.student_number, c.name AS class, c.school_year, a.subject, a.name AS assessment,
      t.name AS term, m.score, a.max_score AS maximum, a.weight, a.date
    FROM marks m
    JOIN assessments a ON a.id = m.assessment_id
    JOIN classes c ON c.id = a.class_id
    LEFT JOIN terms t ON t.id = a.term_id AND t.deleted_at IS NULL
    JOIN students s ON s.id = m.student_id
    WHERE m.school_id = @school AND m.deleted_at IS NULL AND a.deleted_at IS NULL
      AND s.deleted_at IS NULL
    ORDER BY c.school_year, c.name, a.subject, a.name, s.student_number`,
  incidents: `SELECT s.student_number, i.date, i.category, i.severity, i.action_taken,
      i.suspension_days, i.description
    FROM behaviour_incidents i JOIN students s ON s.id = i.student_id
    WHERE i.school_id = @school AND i.deleted_at IS NULL AND s.deleted_at IS NULL
    ORDER BY s.student_number, i.date, i.category`,
};

/**
 * A kind's live records as CSV in the column layout import matches by itself, so exporting and
 * importing the file again changes nothing. UTF-8 with a BOM, so spreadsheets read accents right.
 */
export function exportRecords(
  db: Db,
  schoolId: string,
  kind: ImportKind,
  today: string,
  separator = ',',
): ExportedRecords {
  const columns = exportColumns[kind];
  const rows = db
    .prepare(queries[kind])
    .all({ school: schoolId, ...(kind === 'students' ? { today } : {}) }) as Row[];
  const cells = rows.map((r) =>
    columns.map((c) => {
      const v = r[c];
      if (v === null || v === undefined) return '';
      const s = String(v);
      return textColumns.has(c) ? safeText(s) : s;
    }),
  );
  return {
    kind,
    fileName: `${kind}.csv`,
    csv: `\uFEFF${toCsv([[...columns], ...cells], separator)}`,
    rows: rows.length,
  };
}
