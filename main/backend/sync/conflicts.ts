import { attendanceBetween, writeAttendance } from '../services/attendance-rows';
import type { SyncConflict } from '../../../contract';
import { BeaconError, prepared, type Db } from '../../../db';
import { refreshStudentFeatures } from '../keep-current';
import { recordChange } from '../services/changes';
import { isSyncedTable } from './synced-tables';

interface ConflictRow {
  id: string;
  school_id: string;
  table_name: string;
  row_id: string;
  kept_version: number;
  lost_version: number;
  lost_row: string;
  detected_at: string;
  resolution: 'kept' | 'restored' | null;
  resolved_at: string | null;
  version: number;
}

/** Columns a restored version never carries over: identity, clock and bookkeeping. */
const fixed = new Set(['id', 'school_id', 'version', 'created_at', 'updated_at', 'deleted_at']);

function currentRow(db: Db, table: string, id: string): Record<string, unknown> | null {
  if (!isSyncedTable(table)) return null;
  return (
    (db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown>) ?? null
  );
}

function toConflict(db: Db, r: ConflictRow): SyncConflict {
  return {
    id: r.id,
    table: r.table_name,
    rowId: r.row_id,
    keptVersion: r.kept_version,
    lostVersion: r.lost_version,
    lostRow: JSON.parse(r.lost_row) as Record<string, unknown>,
    currentRow: currentRow(db, r.table_name, r.row_id),
    detectedAt: r.detected_at,
    resolution: r.resolution,
    resolvedAt: r.resolved_at,
  };
}

/** The school's conflicts, oldest first; settled ones only when asked. */
export function listConflicts(db: Db, schoolId: string, includeResolved = false): SyncConflict[] {
  const rows = db
    .prepare(
      `SELECT * FROM sync_conflicts WHERE school_id = ? AND deleted_at IS NULL
         ${includeResolved ? '' : 'AND resolved_at IS NULL'} ORDER BY detected_at, id`,
    )
    .all(schoolId) as ConflictRow[];
  return rows.map((r) => toConflict(db, r));
}

/** How many conflicts wait for a head teacher. */
export function openConflictCount(db: Db, schoolId: string): number {
  const row = prepared(
    db,
    `SELECT count(*) AS n FROM sync_conflicts
      WHERE school_id = ? AND resolved_at IS NULL AND deleted_at IS NULL`,
  ).get(schoolId) as { n: number };
  return row.n;
}

/**
 * Settles a conflict in one transaction: `kept` leaves the row as it is; `restored` writes the
 * lost version's fields over the current row as a new change (a newer clock, so it wins on every
 * laptop at the next sync). Either way the conflict is marked settled, and that syncs too.
 */
export function resolveConflict(
  db: Db,
  schoolId: string,
  conflictId: string,
  keep: 'kept' | 'restored',
  userId: string | null,
  now = new Date().toISOString(),
): SyncConflict {
  return db
    .transaction(() => {
      const row = db
        .prepare('SELECT * FROM sync_conflicts WHERE school_id = ? AND id = ?')
        .get(schoolId, conflictId) as ConflictRow | undefined;
      if (!row)
        throw new BeaconError('NOT_FOUND', 'No such conflict in this school.', { conflictId });
      if (row.resolved_at) {
        throw new BeaconError('CONFLICT', 'This conflict was already settled.', { conflictId });
      }
      if (keep === 'restored') restoreLost(db, schoolId, row, userId, now);
      const before = { ...row };
      db.prepare(
        `UPDATE sync_conflicts SET resolution = ?, resolved_by = ?, resolved_at = ?, updated_at = ? WHERE id = ?`,
      ).run(keep, userId, now, now, row.id);
      recordChange(db, {
        schoolId,
        table: 'sync_conflicts',
        rowId: row.id,
        userId,
        before,
        after: db.prepare('SELECT * FROM sync_conflicts WHERE id = ?').get(row.id) as ConflictRow,
      });
      return toConflict(
        db,
        db.prepare('SELECT * FROM sync_conflicts WHERE id = ?').get(row.id) as ConflictRow,
      );
    })
    .immediate();
}

function restoreLost(
  db: Db,
  schoolId: string,
  c: ConflictRow,
  userId: string | null,
  now: string,
): void {
  const table = c.table_name;
  const before = currentRow(db, table, c.row_id);
  if (!isSyncedTable(table) || !before) {
    throw new BeaconError('NOT_FOUND', 'The row this conflict is about no longer exists here.', {
      table,
      rowId: c.row_id,
    });
  }
  const lost = JSON.parse(c.lost_row) as Record<string, unknown>;
  if (table === 'attendance') {
    restoreLostAttendance(db, { schoolId, userId }, c.row_id, lost);
    return;
  }
  const columns = Object.keys(before).filter((k) => !fixed.has(k) && k in lost);
  if (columns.length === 0) return;
  db.prepare(
    `UPDATE ${table} SET ${columns.map((k) => `"${k}" = ?`).join(', ')}, updated_at = ? WHERE id = ?`,
  ).run(...columns.map((k) => lost[k] as string | number | null), now, c.row_id);
  recordChange(db, {
    schoolId,
    table,
    rowId: c.row_id,
    userId,
    before: before as { version?: number },
    after: currentRow(db, table, c.row_id) as { version?: number },
  });
  const student = table === 'students' ? c.row_id : before.student_id;
  if (typeof student === 'string') refreshStudentFeatures(db, schoolId, [student]);
}

/** Attendance is kept by its natural key (`studentId/date`), so it is restored by its writer. */
function restoreLostAttendance(
  db: Db,
  actor: { schoolId: string; userId: string | null },
  rowId: string,
  lost: Record<string, unknown>,
): void {
  const [studentId = '', date = ''] = rowId.split('/');
  const saved = attendanceBetween(db, studentId, date, date).get(date) ?? null;
  const pick = <T>(column: string, current: T): T =>
    column in lost ? (lost[column] as T) : current;
  writeAttendance(
    db,
    actor,
    {
      studentId,
      date,
      classId: pick('class_id', saved?.class_id ?? null),
      status: pick('status', saved?.status ?? 'present'),
      minutesLate: pick('minutes_late', saved?.minutes_late ?? null),
      note: pick('note', saved?.note ?? null),
    },
    saved,
  );
  refreshStudentFeatures(db, actor.schoolId, [studentId]);
}
