import type { ImportCounts } from '../../../../contract/domains/import';
import { dateProblem } from '../../services/date-bounds';
import {
  AttendanceBulkWriter,
  attendanceStatusCode,
  type BulkDay,
} from '../../services/attendance-rows';
import { ownedRowKey, splitOwnedKey } from '../../services/changes';
import { dateOfEpochDay, epochDay } from '../../features/packed-attendance';
import { memo } from '../memo';
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

/**
 * The file's accepted marks, kept compactly until they are written (about 12 bytes a mark, so a
 * million-row file holds a few megabytes): the student's local key and the day as one number,
 * the status as its code, minutes late (-1 for none) and, when the file has a note column, the
 * notes. Written at the end in key order (student, then day), which is the table's own order:
 * each student's days are appended in one run instead of being spread over the file's days.
 */
const ownerOf = (key: number): number => splitOwnedKey(key).owner;

class MarkBuffer {
  keys = new Float64Array(1 << 14);
  status = new Uint8Array(1 << 14);
  minutes = new Int16Array(1 << 14);
  readonly notes: (string | null)[] = [];
  size = 0;

  push(key: number, status: number, minutesLate: number | null, note: string | null): void {
    if (this.size === this.keys.length) this.grow();
    const i = this.size++;
    this.keys[i] = key;
    this.status[i] = status;
    this.minutes[i] = minutesLate ?? -1;
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
  *byStudent(): Generator<{ owner: number; marks: Uint32Array; days: Float64Array }> {
    const { keys, size } = this;
    let maxOwner = 0;
    for (let i = 0; i < size; i++) maxOwner = Math.max(maxOwner, ownerOf(keys[i] as number));
    const starts = new Uint32Array(maxOwner + 2);
    for (let i = 0; i < size; i++) starts[ownerOf(keys[i] as number) + 1]!++;
    for (let o = 1; o < starts.length; o++) starts[o]! += starts[o - 1]!;
    const next = starts.slice();
    const order = new Uint32Array(size);
    for (let i = 0; i < size; i++) order[next[ownerOf(keys[i] as number)]!++] = i;
    for (let owner = 0; owner <= maxOwner; owner++) {
      const marks = order.subarray(starts[owner], starts[owner + 1]);
      if (marks.length === 0) continue;
      let sorted = true;
      for (let k = 1; k < marks.length && sorted; k++)
        sorted = (keys[marks[k - 1]!] as number) < (keys[marks[k]!] as number);
      if (!sorted) marks.sort((a, b) => (keys[a] as number) - (keys[b] as number));
      const days = new Float64Array(marks.length);
      for (let k = 0; k < marks.length; k++) days[k] = splitOwnedKey(keys[marks[k]!]!).day;
      yield { owner, marks, days };
    }
  }

  private grow(): void {
    const n = this.keys.length * 2;
    const keys = new Float64Array(n);
    keys.set(this.keys);
    const status = new Uint8Array(n);
    status.set(this.status);
    const minutes = new Int16Array(n);
    minutes.set(this.minutes);
    Object.assign(this, { keys, status, minutes });
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

  constructor(private readonly ctx: KindContext) {
    this.hasMinutes = ctx.mapping.fields.has('minutes_late');
    this.hasNote = ctx.mapping.fields.has('note');
    this.bulk = new AttendanceBulkWriter(ctx.db, ctx.actor);
  }

  /** Keeps an accepted mark for `writeAll`. */
  add(r: AttendanceRecord): void {
    const key = this.bulk.keyOf(r.studentId);
    this.studentOfKey.set(key, r.studentId);
    this.marks.push(
      ownedRowKey(key, this.dayOf(r.date)),
      attendanceStatusCode(r.status),
      r.minutesLate,
      r.note,
    );
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

  private writeStudent(studentKey: number, marks: Uint32Array, days: Float64Array): void {
    const studentId = this.studentOfKey.get(studentKey) as string;
    const saved = this.bulk.savedDays(studentKey, days[0]!, days[days.length - 1]!);
    const writes: BulkDay[] = [];
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
      const classId = before ? null : this.ctx.lookup.classOn(studentId, this.dateOf(day));
      const classKey = before
        ? before.classKey
        : classId === null
          ? null
          : this.bulk.keyOf(classId);
      writes.push({ day, status, classKey, minutesLate, note });
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
  else readLong(ctx, seen, emit);
  if (!ctx.rejections.any && writer.marks.size > 0) {
    onWriting();
    writer.writeAll();
  }
  return { tables: { attendance: writer.counts }, touched: writer.touched };
}
