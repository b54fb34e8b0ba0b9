import type { ImportCounts } from '../../../../contract/domains/import';
import { dateProblem } from '../../services/date-bounds';
import {
  attendanceBetween,
  type AttendanceRow,
  writeAttendance as writeAttendanceRow,
} from '../../services/attendance-rows';
import { AttendanceSeen } from './attendance-seen';
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

type Emit = (record: AttendanceRecord) => void;

/** Reads the long layout: one row per student per day, with a status. */
function readLong(ctx: KindContext, seen: AttendanceSeen, emit: Emit): void {
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
    const earlier = seen.claim(student.id, date, row.row);
    if (earlier !== null) {
      r.reject(
        'date',
        `student ${student.number} on ${date} appears twice: rows ${earlier} and ${row.row}`,
      );
      continue;
    }
    emit({ studentId: student.id, date, status, minutesLate, note });
  }
}

/** Reads the wide register: one row per student, one column per date, a mark in each cell. */
function readWide(ctx: KindContext, seen: AttendanceSeen, emit: Emit): void {
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
      const earlier = seen.claim(student.id, c.date, row.row);
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
      emit({
        studentId: student.id,
        date: c.date,
        status: status.value,
        minutesLate: null,
        note: null,
      });
    }
  }
}

/** Marks written per batch: enough to write in index order, small beside a million rows. */
export const ATTENDANCE_BATCH = 20_000;

/**
 * Writes attendance marks through the one attendance writer, idempotent on (student, date): a
 * mark already recorded the same way is left alone, a different one is changed. Only the mapped
 * columns are compared and written, so a file without a note column never clears notes. A new
 * day takes the class of the student's enrolment on it; a changed day keeps the class that
 * recorded it.
 */
class AttendanceWriter {
  readonly touched = new Set<string>();
  readonly counts: ImportCounts = { created: 0, changed: 0, unchanged: 0 };
  private readonly hasMinutes: boolean;
  private readonly hasNote: boolean;

  constructor(private readonly ctx: KindContext) {
    this.hasMinutes = ctx.mapping.fields.has('minutes_late');
    this.hasNote = ctx.mapping.fields.has('note');
  }

  write(batch: AttendanceRecord[]): void {
    // In index order (student, then date): measured 10-30% faster than the file's day order.
    batch.sort((a, b) =>
      a.studentId === b.studentId ? (a.date < b.date ? -1 : 1) : a.studentId < b.studentId ? -1 : 1,
    );
    let i = 0;
    while (i < batch.length) {
      const studentId = batch[i]!.studentId;
      let j = i;
      while (j < batch.length && batch[j]!.studentId === studentId) j++;
      const existing = attendanceBetween(
        this.ctx.db,
        studentId,
        batch[i]!.date,
        batch[j - 1]!.date,
      );
      for (let k = i; k < j; k++) this.writeOne(batch[k]!, existing.get(batch[k]!.date) ?? null);
      i = j;
    }
  }

  private writeOne(r: AttendanceRecord, before: AttendanceRow | null): void {
    const { db, actor, lookup } = this.ctx;
    const minutesLate = this.hasMinutes || !before ? r.minutesLate : before.minutes_late;
    const note = this.hasNote || !before ? r.note : before.note;
    if (
      before &&
      before.deleted_at === null &&
      before.status === r.status &&
      before.minutes_late === minutesLate &&
      before.note === note
    ) {
      this.counts.unchanged++;
      return;
    }
    writeAttendanceRow(
      db,
      actor,
      {
        studentId: r.studentId,
        date: r.date,
        classId: before ? before.class_id : lookup.classOn(r.studentId, r.date),
        status: r.status,
        minutesLate,
        note,
      },
      before,
      { action: 'import', unaudited: before === null },
    );
    if (before === null || before.deleted_at !== null) this.counts.created++;
    else this.counts.changed++;
    this.touched.add(r.studentId);
  }
}

/**
 * Checks and writes an attendance file (long or wide) in one walk over its rows, inside the
 * caller's transaction: marks are written in batches of ATTENDANCE_BATCH while no row has been
 * rejected, so memory stays flat however long the file. After the first rejection nothing more
 * is written and every row is still checked; the caller then rolls the whole file back.
 * `onWriting` is told before the first batch is written.
 */
export function importAttendance(ctx: KindContext, onWriting: () => void): KindResult {
  const writer = new AttendanceWriter(ctx);
  const seen = new AttendanceSeen();
  let batch: AttendanceRecord[] = [];
  let writing = false;
  const flush = () => {
    if (ctx.rejections.any || batch.length === 0) {
      batch = [];
      return;
    }
    if (!writing) {
      writing = true;
      onWriting();
    }
    writer.write(batch);
    batch = [];
  };
  const emit: Emit = (record) => {
    batch.push(record);
    if (batch.length >= ATTENDANCE_BATCH) flush();
  };
  if (ctx.mapping.layout === 'wide') readWide(ctx, seen, emit);
  else readLong(ctx, seen, emit);
  flush();
  return { tables: { attendance: writer.counts }, touched: writer.touched };
}
