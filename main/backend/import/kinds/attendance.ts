import { dateProblem } from '../../services/date-bounds';
import { KeySeen } from '../problems';
import { TableWriter, type ExistingRow } from '../table-writer';
import { parseInteger, parseStatus, type AttendanceStatus } from '../values';
import { RowReader, type KindContext, type KindResult } from './context';

/** One attendance mark to write: the natural key is the student and the date. */
export interface AttendanceRecord {
  studentId: string;
  date: string;
  status: AttendanceStatus;
  minutesLate: number | null;
  note: string | null;
}

const keyOf = (studentId: string, date: string) => `${studentId}|${date}`;

/** Reads the long layout: one row per student per day, with a status. */
function readLong(ctx: KindContext, seen: KeySeen, out: AttendanceRecord[]): void {
  for (const row of ctx.table.rows) {
    const r = new RowReader(ctx, row);
    const student = r.student();
    const date = r.date('date');
    if (date === null && r.text('date')?.trim() === '') r.reject('date', 'date is empty');
    const statusText = r.required('status');
    const status = statusText === null ? null : r.parsed('status', parseStatus);
    const minutesLate = r.parsed('minutes_late', (t) => parseInteger(t, 0, 600)) ?? null;
    const note = r.optionalText('note') ?? null;
    if (status && minutesLate && status !== 'late') {
      r.reject('minutes_late', `minutes late given for a student marked ${status}`);
    }
    if (!r.ok || !student || !date || !status) continue;
    const off = ctx.lookup.notASchoolDay(date);
    if (off) {
      r.reject('date', off);
      continue;
    }
    const earlier = seen.claim(keyOf(student.id, date), row.row);
    if (earlier !== null) {
      r.reject(
        'date',
        `student ${student.number} on ${date} appears twice: rows ${earlier} and ${row.row}`,
      );
      continue;
    }
    out.push({ studentId: student.id, date, status, minutesLate, note });
  }
}

/** Reads the wide register: one row per student, one column per date, a mark in each cell. */
function readWide(ctx: KindContext, seen: KeySeen, out: AttendanceRecord[]): void {
  const columns = ctx.mapping.dateColumns;
  const byDate = new Map<string, string>();
  for (const c of columns) {
    const other = byDate.get(c.date);
    if (other !== undefined) {
      ctx.rejections.add(
        1,
        c.name,
        c.name,
        `the columns "${other}" and "${c.name}" are both ${c.date}`,
      );
    }
    byDate.set(c.date, c.name);
    const impossible = dateProblem(c.date, 'record', ctx.dateBounds);
    if (impossible) ctx.rejections.add(1, c.name, c.name, `${c.date} ${impossible}`);
  }
  for (const row of ctx.table.rows) {
    const r = new RowReader(ctx, row);
    const student = r.student();
    if (!r.ok || !student) continue;
    for (const c of columns) {
      const cell = (row.cells[c.index] ?? '').trim();
      if (cell === '') continue;
      const status = parseStatus(cell);
      if (!status.ok) {
        ctx.rejections.add(row.row, c.name, cell, status.reason);
        r.ok = false;
        continue;
      }
      const off = ctx.lookup.notASchoolDay(c.date);
      if (off) {
        ctx.rejections.add(row.row, c.name, cell, off);
        r.ok = false;
        continue;
      }
      const earlier = seen.claim(keyOf(student.id, c.date), row.row);
      if (earlier !== null) {
        ctx.rejections.add(
          row.row,
          c.name,
          cell,
          `student ${student.number} on ${c.date} appears twice: rows ${earlier} and ${row.row}`,
        );
        r.ok = false;
        continue;
      }
      out.push({
        studentId: student.id,
        date: c.date,
        status: status.value,
        minutesLate: null,
        note: null,
      });
    }
  }
}

/** Validates an attendance file (long or wide) into marks to write; problems go to rejections. */
export function prepareAttendance(ctx: KindContext): AttendanceRecord[] {
  const out: AttendanceRecord[] = [];
  const seen = new KeySeen();
  if (ctx.mapping.layout === 'wide') readWide(ctx, seen, out);
  else readLong(ctx, seen, out);
  return out;
}

/**
 * Writes attendance marks, idempotent on (student, date): a mark already recorded the same way
 * is left alone, a different one is changed. Only the mapped columns are compared, so a file
 * without a note column never clears notes. The class is the student's enrolment on that day.
 */
export function writeAttendance(ctx: KindContext, records: AttendanceRecord[]): KindResult {
  const { db, actor, mapping } = ctx;
  const updatable = ['status'];
  if (mapping.fields.has('minutes_late')) updatable.push('minutes_late');
  if (mapping.fields.has('note')) updatable.push('note');
  const writer = new TableWriter(
    db,
    actor,
    'attendance',
    ['student_id', 'class_id', 'date', 'status', 'minutes_late', 'note', 'recorded_by'],
    updatable,
  );
  const byStudent = new Map<string, AttendanceRecord[]>();
  for (const r of records) {
    const list = byStudent.get(r.studentId);
    if (list) list.push(r);
    else byStudent.set(r.studentId, [r]);
  }
  const existingRows = db.prepare(
    `SELECT * FROM attendance WHERE school_id = ? AND student_id = ? AND date BETWEEN ? AND ?`,
  );
  const touched = new Set<string>();
  for (const [studentId, list] of byStudent) {
    let from = list[0]?.date ?? '';
    let to = from;
    for (const r of list) {
      if (r.date < from) from = r.date;
      if (r.date > to) to = r.date;
    }
    const existing = new Map(
      (existingRows.all(actor.schoolId, studentId, from, to) as ExistingRow[]).map((e) => [
        e.date as string,
        e,
      ]),
    );
    for (const r of list) {
      const { result } = writer.write(
        {
          student_id: studentId,
          class_id: ctx.lookup.classOn(studentId, r.date),
          date: r.date,
          status: r.status,
          minutes_late: r.minutesLate,
          note: r.note,
          recorded_by: actor.userId,
        },
        existing.get(r.date),
      );
      if (result !== 'unchanged') touched.add(studentId);
    }
  }
  return { tables: { attendance: writer.counts }, touched };
}
