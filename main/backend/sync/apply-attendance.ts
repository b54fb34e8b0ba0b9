import { prepared, type Db } from '../../../db';
import { localKey } from '../../../db/local-keys';
import { epochDay } from '../features/packed-attendance';
import { attendanceStatusCode } from '../services/attendance-rows';
import type { Row } from './outbox-reader';

/**
 * Writes a pulled attendance row into the compact table as the server has it: its own version,
 * and no change-log entry, since it is not a change made here (core's writeAttendance stamps a new
 * version and queues the row to be sent back). Keyed by (student, day), the row's identity.
 */
export function applyAttendanceRow(db: Db, row: Row): void {
  const key = (id: unknown) => (typeof id === 'string' ? localKey(db, id) : null);
  prepared(
    db,
    `INSERT INTO attendance_days (student_key, day, status, class_key, minutes_late, note,
       recorded_by_key, version, deleted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (student_key, day) DO UPDATE SET status = excluded.status,
       class_key = excluded.class_key, minutes_late = excluded.minutes_late, note = excluded.note,
       recorded_by_key = excluded.recorded_by_key, version = excluded.version,
       deleted_at = excluded.deleted_at`,
  ).run(
    key(row.student_id),
    epochDay(String(row.date)),
    attendanceStatusCode(row.status as Parameters<typeof attendanceStatusCode>[0]),
    key(row.class_id),
    row.minutes_late ?? null,
    row.note ?? null,
    key(row.recorded_by),
    row.version,
    row.deleted_at ?? null,
  );
}
