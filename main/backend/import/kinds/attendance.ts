import type { ImportCounts } from '../../../../contract/domains/import';
import { dateProblem } from '../../services/date-bounds';
import {
  AttendanceBulkWriter,
  attendanceStatusCode,
  type BulkDay,
} from '../../services/attendance-rows';
import { dateOfEpochDay, epochDay } from '../../features/packed-attendance';
import { memo } from '../memo';
import { AttendanceSeen } from './attendance-seen';
import { parseInteger, parseStatus, type AttendanceStatus } from '../values';
import { RowReader, type KindContext, type KindResult } from './context';
import { FieldCheck } from './field-check';
import type { KnownStudent } from '../school-lookup';

/** One attendance mark to write: the natural key is the student and the date. */
export interface AttendanceRecord {
  studentId: string;
  date: string;
  status: AttendanceStatus;
  minutesLate: number | null;
  note: string | null;
}

type Emit = (record: AttendanceRecord) => void;
type EmitMark = (
  studentId: string,
  day: number,
  status: AttendanceStatus,
  minutesLate: number | null,
  note: string | null,
) => void;

/** A student the file names, with the small number the duplicate check keys them by. */
interface NamedStudent {
  student: KnownStudent;
  ordinal: number;
}

/** A date the file names, as a day number, with why it carries no attendance (or null). */
interface NamedDay {
  date: string;
  day: number;
  off: string | null;
}

/**
 * Reads the long layout: one row per student per day, with a status. Each field is checked once
 * per distinct text (`FieldCheck`), its problems recorded against every row holding that text,
 * in the order the checks run on a row; the row's own checks (minutes late for a mark that is
 * not late, a day the calendar does not list, a pair named twice) follow.
 */
function readLong(ctx: KindContext, seen: AttendanceSeen, emit: EmitMark): void {
  const ordinals = new Map<string, number>();
  const students = new FieldCheck(ctx, 'student_number', (r): NamedStudent | null => {
    const student = r.student();
    if (!student) return null;
    let ordinal = ordinals.get(student.id);
    if (ordinal === undefined) ordinals.set(student.id, (ordinal = ordinals.size));
    return { student, ordinal };
  });
  const dates = new FieldCheck(ctx, 'date', (r): NamedDay | null => {
    const date = r.date('date');
    if (date === null && r.text('date')?.trim() === '') r.reject('date', 'date is empty');
    return date ? { date, day: epochDay(date), off: ctx.lookup.notASchoolDay(date) } : null;
  });
  const statuses = new FieldCheck(ctx, 'status', (r) =>
    r.required('status') === null ? null : (r.parsed('status', parseStatus) ?? null),
  );
  const minutes = new FieldCheck(
    ctx,
    'minutes_late',
    (r) => r.parsed('minutes_late', (t) => parseInteger(t, 0, 600)) ?? null,
  );
  const notes = new FieldCheck(ctx, 'note', (r) => r.optionalText('note') ?? null);
  for (const row of ctx.table.rows) {
    const r = new RowReader(ctx, row);
    const named = students.read(r);
    const date = dates.read(r);
    const status = statuses.read(r);
    const minutesLate = minutes.read(r);
    const note = notes.read(r);
    if (status && minutesLate && status !== 'late') {
      r.reject('minutes_late', `minutes late given for a student marked ${status}`);
    }
    if (!r.ok || !named || !date || !status) continue;
    if (date.off) {
      r.reject('date', date.off);
      continue;
    }
    const earlier = seen.claimDay(named.ordinal, date.day, row.row);
    if (earlier !== null) {
      r.reject(
        'date',
        `student ${named.student.number} on ${date.date} appears twice: rows ${earlier} and ${row.row}`,
      );
      continue;
    }
    emit(named.student.id, date.day, status, minutesLate, note);
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

/**
 * The file's accepted marks, kept compactly until they are written (about 11 bytes a mark, so a
 * million-row file holds a few megabytes): the student's local key, the day (days since
 * 1970-01-01), the status as its code, minutes late (-1
 * for none) and, when the file has a note column, the notes. Written at the end in key order
 * (student, then day), which is the table's own order: each student's days are appended in one
 * run instead of being spread over the file's days.
 */
class MarkBuffer {
  owners = new Uint32Array(1 << 14);
  days = new Int32Array(1 << 14);
  status = new Uint8Array(1 << 14);
  minutes = new Int16Array(1 << 14);
  readonly notes: (string | null)[] = [];
  size = 0;
  private maxOwner = 0;

  push(
    owner: number,
    day: number,
    status: number,
    minutesLate: number | null,
    note: string | null,
  ): void {
    if (this.size === this.owners.length) this.grow();
    const i = this.size++;
    this.owners[i] = owner;
    this.days[i] = day;
    this.status[i] = status;
    this.minutes[i] = minutesLate ?? -1;
    if (owner > this.maxOwner) this.maxOwner = owner;
    if (note !== null || this.notes.length > 0) this.notes[i] = note;
  }

  note(i: number): string | null {
    return this.notes[i] ?? null;
  }

  /**
   * The marks' indexes in key order, by student: a counting sort on the student's key (a school
   * has thousands of students), then each student's days, which a file usually lists in order
   * already (measured: a comparison sort of 200,000 indexes took a tenth of the import).
   */
  *byStudent(): Generator<{ owner: number; marks: Uint32Array; days: Int32Array }> {
    const { owners, days, size, maxOwner } = this;
    const starts = new Uint32Array(maxOwner + 2);
    for (let i = 0; i < size; i++) starts[owners[i]! + 1]!++;
    for (let o = 1; o < starts.length; o++) starts[o]! += starts[o - 1]!;
    const next = starts.slice();
    const order = new Uint32Array(size);
    for (let i = 0; i < size; i++) order[next[owners[i]!]!++] = i;
    for (let owner = 0; owner <= maxOwner; owner++) {
      const marks = order.subarray(starts[owner], starts[owner + 1]);
      if (marks.length === 0) continue;
      let sorted = true;
      for (let k = 1; k < marks.length && sorted; k++)
        sorted = days[marks[k - 1]!]! < days[marks[k]!]!;
      if (!sorted) marks.sort((a, b) => days[a]! - days[b]!);
      const ownDays = new Int32Array(marks.length);
      for (let k = 0; k < marks.length; k++) ownDays[k] = days[marks[k]!]!;
      yield { owner, marks, days: ownDays };
    }
  }

  private grow(): void {
    const n = this.owners.length * 2;
    const owners = new Uint32Array(n);
    owners.set(this.owners);
    const days = new Int32Array(n);
    days.set(this.days);
    const status = new Uint8Array(n);
    status.set(this.status);
    const minutes = new Int16Array(n);
    minutes.set(this.minutes);
    Object.assign(this, { owners, days, status, minutes });
  }
}

/**
 * Writes attendance marks through the one attendance writer's bulk mode, idempotent on
 * (student, date): a mark already recorded the same way is left alone, a different one is
 * changed. Only the mapped columns are compared and written, so a file without a note column
 * never clears notes. A new day takes the class of the student's enrolment on it; a changed day
 * keeps the class that recorded it.
 */
class AttendanceWriter {
  readonly touched = new Set<string>();
  readonly counts: ImportCounts = { created: 0, changed: 0, unchanged: 0 };
  readonly marks = new MarkBuffer();
  private readonly bulk: AttendanceBulkWriter;
  private readonly hasMinutes: boolean;
  private readonly hasNote: boolean;
  private readonly studentOfKey = new Map<number, string>();
  private readonly dayOf = memo(epochDay);
  private readonly dates = new Map<number, string>();
  /**
   * The days handed to the bulk writer, one student at a time, made once and refilled for each
   * student: 200,000 marks need no 200,000 objects (the writer keeps none after its call).
   */
  private readonly pool: BulkDay[] = [];
  private readonly writes: BulkDay[] = [];

  constructor(private readonly ctx: KindContext) {
    this.hasMinutes = ctx.mapping.fields.has('minutes_late');
    this.hasNote = ctx.mapping.fields.has('note');
    this.bulk = new AttendanceBulkWriter(ctx.db, ctx.actor);
  }

  /** Keeps an accepted mark for `writeAll`. */
  add(r: AttendanceRecord): void {
    this.addMark(r.studentId, this.dayOf(r.date), r.status, r.minutesLate, r.note);
  }

  /** Keeps an accepted mark, its date as a day number, for `writeAll`. */
  addMark(
    studentId: string,
    day: number,
    status: AttendanceStatus,
    minutesLate: number | null,
    note: string | null,
  ): void {
    const key = this.bulk.keyOf(studentId);
    if (!this.studentOfKey.has(key)) this.studentOfKey.set(key, studentId);
    this.marks.push(key, day, attendanceStatusCode(status), minutesLate, note);
  }

  /** A day's date, made once per distinct day (a file has a few hundred over its rows). */
  private dateOf(day: number): string {
    let date = this.dates.get(day);
    if (date === undefined) {
      date = dateOfEpochDay(day);
      this.dates.set(day, date);
    }
    return date;
  }

  /** Writes every kept mark, a student at a time. */
  writeAll(): void {
    for (const { owner, marks, days } of this.marks.byStudent())
      this.writeStudent(owner, marks, days);
  }

  private writeStudent(studentKey: number, marks: Uint32Array, days: Int32Array): void {
    const studentId = this.studentOfKey.get(studentKey) as string;
    const saved = this.bulk.savedDays(studentKey, days[0]!, days[days.length - 1]!);
    // A student never enrolled in a class (yet) records new days with none.
    const enrolled = this.ctx.lookup.enrolmentsByStudent().has(studentId);
    const writes = this.writes;
    writes.length = 0;
    for (let n = 0; n < marks.length; n++) {
      const m = marks[n]!;
      const day = days[n]!;
      const before = saved.get(day);
      const status = this.marks.status[m] as number;
      const given = this.marks.minutes[m] as number;
      const minutesLate =
        this.hasMinutes || !before ? (given < 0 ? null : given) : before.minutesLate;
      const note = this.hasNote || !before ? this.marks.note(m) : before.note;
      if (before) {
        if (
          before.deletedAt === null &&
          before.status === status &&
          before.minutesLate === minutesLate &&
          before.note === note
        ) {
          this.counts.unchanged++;
          continue;
        }
        if (before.deletedAt === null) this.counts.changed++;
        else this.counts.created++;
      } else {
        this.counts.created++;
      }
      const classId =
        before || !enrolled ? null : this.ctx.lookup.classOn(studentId, this.dateOf(day));
      const classKey = before
        ? before.classKey
        : classId === null
          ? null
          : this.bulk.keyOf(classId);
      const write = (this.pool[writes.length] ??= {
        day,
        status,
        classKey,
        minutesLate,
        note,
      });
      write.day = day;
      write.status = status;
      write.classKey = classKey;
      write.minutesLate = minutesLate;
      write.note = note;
      writes.push(write);
    }
    if (writes.length === 0) return;
    this.bulk.writeStudent(studentId, studentKey, writes, saved);
    this.touched.add(studentId);
  }
}

/**
 * Checks and writes an attendance file (long or wide) inside the caller's transaction: one walk
 * over its rows checks each and keeps the accepted marks compactly; when no row was rejected
 * they are written in the table's key order. After a rejection nothing is written and every
 * row is still checked; the caller then rolls the whole file back. `onWriting` is told before
 * the first write.
 */
export function importAttendance(ctx: KindContext, onWriting: () => void): KindResult {
  const writer = new AttendanceWriter(ctx);
  const seen = new AttendanceSeen(
    ctx.table.dataRows * (ctx.mapping.layout === 'wide' ? ctx.mapping.dateColumns.length : 1),
  );
  const emit: Emit = (record) => {
    if (!ctx.rejections.any) writer.add(record);
  };
  if (ctx.mapping.layout === 'wide') readWide(ctx, seen, emit);
  else
    readLong(ctx, seen, (studentId, day, status, minutesLate, note) => {
      if (!ctx.rejections.any) writer.addMark(studentId, day, status, minutesLate, note);
    });
  if (!ctx.rejections.any && writer.marks.size > 0) {
    onWriting();
    writer.writeAll();
  }
  return { tables: { attendance: writer.counts }, touched: writer.touched };
}
