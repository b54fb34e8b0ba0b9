import type { Db } from '../../../db';
import type { RuleRecords } from './compute';
import type { DecodedAttendance } from './packed-attendance';
import {
  assessmentInfo,
  classInfo,
  studentRecords,
  type AssessmentInfo,
  type ClassInfo,
} from './student-rows';

/**
 * The rebuild's reader: one statement over the school's live students, reading each of them
 * through the same indexes and in the same orders as the incremental path's select
 * (student-rows.ts), with less to build per record:
 * - attendance as one text of `day * 4 + status` numbers: SQLite turns an integer into text much
 *   faster than it calls `char()` per record (the incremental path's packing), and the numbers are
 *   decoded straight into the arrays the rules read, in one buffer reused for the whole school
 *   (with group_concat's default comma: naming it costs one more step per record);
 * - marks as two JSON arrays, the assessments' rowids (found through the assessments' key as the
 *   marks' index is walked) and the scores, instead of an id string and an array per mark.
 * Marks stay in their index's order: the rules add floating-point values up in that order.
 */
export const schoolScanSql = `SELECT s.id, s.date_of_birth, s.grade_level, s.entry_date,
    (SELECT group_concat(day * 4 + status) FROM attendance_days
      WHERE student_key = (SELECT key FROM local_keys WHERE id = s.id) AND deleted_at IS NULL),
    (SELECT json_group_array(json_array(date, severity, suspension_days)) FROM behaviour_incidents
      WHERE school_id = s.school_id AND student_id = s.id AND deleted_at IS NULL),
    (SELECT '[' || json_group_array(a.rowid) || ',' || json_group_array(m.score) || ']'
      FROM marks m INDEXED BY marks_features CROSS JOIN assessments a ON a.id = m.assessment_id
      WHERE m.school_id = s.school_id AND m.student_id = s.id AND m.deleted_at IS NULL),
    (SELECT json_group_array(json_array(class_id, start_date)) FROM enrolments
      WHERE school_id = s.school_id AND student_id = s.id AND deleted_at IS NULL),
    (SELECT json_group_array(json_array(status, effective_date)) FROM student_status_changes
      WHERE school_id = s.school_id AND student_id = s.id AND deleted_at IS NULL)
  FROM students s WHERE s.school_id = ? AND s.deleted_at IS NULL`;

const assessmentsSql = `SELECT a.rowid, a.max_score, a.weight, a.subject, a.date, t.id, t.start_date, t.end_date
  FROM assessments a
  LEFT JOIN terms t ON t.school_id = a.school_id AND t.id = a.term_id AND t.deleted_at IS NULL
  WHERE a.school_id = ? AND a.deleted_at IS NULL`;

const classesSql = `SELECT id, school_year, grade_level FROM classes
  WHERE school_id = ? AND deleted_at IS NULL`;

type Raw = unknown[];

/** The status letters' codes (packed-attendance.ts) by status number: p, a, l, e. */
const LETTER = Uint8Array.of(112, 97, 108, 101);
const COMMA = 44;

/**
 * Decodes attendance texts of `day * 4 + status` numbers joined by commas into one buffer that
 * grows as needed: each result is a view of it, valid until the next call.
 */
export class DayCodesDecoder {
  private days = new Int32Array(1024);
  private statuses = new Uint8Array(1024);

  decode(text: string | null): DecodedAttendance {
    const length = text === null ? 0 : text.length;
    // Every number but the last takes at least two characters: a digit and its comma.
    if (length >= this.days.length * 2) {
      this.days = new Int32Array(length);
      this.statuses = new Uint8Array(length);
    }
    const days = this.days;
    const statuses = this.statuses;
    let sorted = true;
    let k = 0;
    if (text !== null && length > 0) {
      let v = 0;
      for (let i = 0; i <= length; i++) {
        const c = i < length ? text.charCodeAt(i) : COMMA;
        if (c !== COMMA) {
          v = v * 10 + (c - 48);
          continue;
        }
        const day = v >> 2;
        if (k > 0 && day < (days[k - 1] as number)) sorted = false;
        days[k] = day;
        statuses[k] = LETTER[v & 3] as number;
        k++;
        v = 0;
      }
    }
    if (!sorted) return sortedCopy(days.subarray(0, k), statuses.subarray(0, k));
    return { days: days.subarray(0, k), statuses: statuses.subarray(0, k) };
  }
}

/** Records in date order, for a text whose records came out of order. */
function sortedCopy(days: Int32Array, statuses: Uint8Array): DecodedAttendance {
  const order = Array.from(days.keys()).sort((a, b) => (days[a] as number) - (days[b] as number));
  return {
    days: Int32Array.from(order, (i) => days[i] as number),
    statuses: Uint8Array.from(order, (i) => statuses[i] as number),
  };
}

/**
 * Visits every live student of the school with their rows (the marks as lists of the school's
 * shared assessment objects and the scores, no object per mark) and decoded attendance (a view
 * valid only during the call), in SQLite's order. The callback must not use the database: the
 * statement is still stepping.
 */
export function scanSchool(
  db: Db,
  schoolId: string,
  visit: (studentId: string, rows: RuleRecords, attendance: DecodedAttendance) => void,
): void {
  const assessments = new Map<number, AssessmentInfo>();
  for (const a of db.prepare(assessmentsSql).raw().iterate(schoolId) as IterableIterator<Raw>) {
    assessments.set(a[0] as number, assessmentInfo(a, 1));
  }
  const classes = new Map<string, ClassInfo>();
  for (const c of db.prepare(classesSql).raw().iterate(schoolId) as IterableIterator<Raw>) {
    classes.set(c[0] as string, classInfo(c, 1));
  }
  const klass = (id: string) => classes.get(id) ?? null;
  const decoder = new DayCodesDecoder();
  for (const r of db.prepare(schoolScanSql).raw().iterate(schoolId) as IterableIterator<Raw>) {
    // The marks' assessments by rowid, then their scores, in the index's order.
    const [ids, scores] = JSON.parse(r[6] as string) as [number[], number[]];
    const facts: AssessmentInfo[] = [];
    for (const id of ids) {
      const a = assessments.get(id);
      if (a !== undefined) facts.push(a);
    }
    // A mark of a deleted assessment (or another school's) is left out with its score.
    const kept = facts.length === ids.length ? scores : liveScores(ids, scores, assessments);
    const rows = studentRecords(r, { facts, scores: kept }, klass);
    visit(r[0] as string, rows, decoder.decode(r[4] as string | null));
  }
}

/** The scores of the marks whose assessment is among `assessments`, in order. */
function liveScores(
  ids: readonly number[],
  scores: readonly number[],
  assessments: ReadonlyMap<number, AssessmentInfo>,
): number[] {
  const kept: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (assessments.has(ids[i] as number)) kept.push(scores[i] as number);
  }
  return kept;
}
