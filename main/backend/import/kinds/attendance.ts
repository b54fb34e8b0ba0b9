import { KeySeen } from '../problems';
import type { ImportCounts } from '../../../../contract/domains/import';
import {
  attendanceBetween,
  writeAttendance as writeAttendanceRow,
} from '../../services/attendance-rows';
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
  const hasMinutes = mapping.fields.has('minutes_late');
  const hasNote = mapping.fields.has('note');
  const counts: ImportCounts = { created: 0, changed: 0, unchanged: 0 };
  const byStudent = new Map<string, AttendanceRecord[]>();
  for (const r of records) {
    const list = byStudent.get(r.studentId);
    if (list) list.push(r);
    else byStudent.set(r.studentId, [r]);
  }
  const touched = new Set<string>();
  for (const [studentId, list] of byStudent) {
    let from = list[0]?.date ?? '';
    let to = from;
    for (const r of list) {
      if (r.date < from) from = r.date;
      if (r.date > to) to = r.date;
    }
    const existing = attendanceBetween(db, studentId, from, to);
    for (const r of list) {
      const before = existing.get(r.date) ?? null;
      // Only the mapped columns are compared and written: a file without notes keeps them.
      const minutesLate = hasMinutes || !before ? r.minutesLate : before.minutes_late;
      const note = hasNote || !before ? r.note : before.note;
      if (
        before &&
        before.deleted_at === null &&
        before.status === r.status &&
        before.minutes_late === minutesLate &&
        before.note === note
      ) {
        counts.unchanged++;
        continue;
      }
      writeAttendanceRow(
        db,
        actor,
        {
          studentId,
          date: r.date,
          // A changed day keeps the class that recorded it; a new one takes the enrolment's.
          classId: before ? before.class_id : ctx.lookup.classOn(studentId, r.date),
          status: r.status,
          minutesLate,
          note,
        },
        before,
        { action: 'import', unaudited: before === null },
      );
      if (before === null || before.deleted_at !== null) counts.created++;
      else counts.changed++;
      touched.add(studentId);
    }
  }
  return { tables: { attendance: counts }, touched };
}
