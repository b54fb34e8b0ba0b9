import { createHash } from 'node:crypto';
import { nextVersion, prepared, type Db } from '../../../db';
import { existingLocalKey, idOfLocalKey, localKey } from '../../../db/local-keys';
import { dateOfEpochDay } from '../features/packed-attendance';
import { rebuildAndRescore, refreshStudentFeatures } from '../keep-current';
import { ownedRowKey, recordChange, withOperation } from '../services/changes';
import { applyPulled } from './apply-pulled';
import type { CentralSession } from './central-session';
import { findClashes, IdentityClashError, type IdentityClash } from './identity';
import { attendanceQueuedAfter, pendingRows, queuedAfter, type Row } from './outbox-reader';
import { identityKeys, localOnly, syncedTables, type SyncedTable } from './synced-tables';

/**
 * Settles a parent made on two laptops (sync/identity.ts finds them): the pupil the secretary
 * and the head teacher both typed in from the paper form, one student number under two ids. The
 * server's row came first, so it is the record: this laptop, in one local transaction, writes
 * the server's row as pulled (no outbox entry), moves every row of its own that pointed at its
 * row to the server's (queued for the push, keeping each change's clock, so two laptops' rows
 * for one day or one assessment then meet the natural-key rule by the time they were written),
 * removes its own row (which never reached the server; its tombstone is sent in case an earlier
 * version did), and keeps that row's fields as a conflict a head teacher sees and may restore
 * over the kept record. Then the push goes on.
 */

interface Child {
  table: SyncedTable;
  column: string;
}

interface Adoption {
  /** Synced rows that point at the parent. */
  children: readonly Child[];
  /** Which local key of attendance_days names the parent. */
  attendanceKey?: 'student_key' | 'class_key' | 'recorded_by_key';
  /** Local-only rows of the lost record: dropped (remade for the kept one) or moved to it. */
  dropLocal?: readonly string[];
  moveLocal?: readonly string[];
  /**
   * A child the kept record may already have on the server (the pupil enrolled in 7A by both
   * laptops): this laptop's copy is removed rather than moved beside it.
   */
  repeats?: { table: SyncedTable; column: string; same: string };
}

/** The parents settled here, with what points at each (test/central/sync-clashes checks it). */
export const adoptions: Partial<Record<SyncedTable, Adoption>> = {
  students: {
    children: [
      { table: 'student_status_changes', column: 'student_id' },
      { table: 'enrolments', column: 'student_id' },
      { table: 'marks', column: 'student_id' },
      { table: 'behaviour_incidents', column: 'student_id' },
      { table: 'interventions', column: 'student_id' },
    ],
    attendanceKey: 'student_key',
    dropLocal: ['student_features', 'risk_scores', 'probable_transfers'],
    moveLocal: ['risk_score_history', 'attendance_summaries'],
    repeats: { table: 'enrolments', column: 'student_id', same: 'class_id' },
  },
  classes: {
    children: [
      { table: 'enrolments', column: 'class_id' },
      { table: 'assessments', column: 'class_id' },
    ],
    attendanceKey: 'class_key',
    repeats: { table: 'enrolments', column: 'class_id', same: 'student_id' },
  },
  terms: { children: [{ table: 'assessments', column: 'term_id' }] },
  users: {
    children: [
      { table: 'classes', column: 'teacher_id' },
      { table: 'student_status_changes', column: 'recorded_by' },
      { table: 'behaviour_incidents', column: 'recorded_by' },
      { table: 'interventions', column: 'owner_id' },
    ],
    attendanceKey: 'recorded_by_key',
  },
};

/**
 * Before the first batch is sent: asks the server about every parent this push will send with
 * an identity key, and settles those it holds under another id. Asking first means no child of
 * such a row goes up under the id that is about to be retired.
 */
export async function settleClashes(
  db: Db,
  session: CentralSession,
  sync: SyncPoint,
): Promise<number> {
  let settled = 0;
  for (const table of syncedTables) {
    const key = identityKeys[table];
    if (!key) continue;
    const local = pendingRows(db, session.schoolId, table, sync.pushedThrough, ['id', ...key]);
    const clashes = await findClashes(session, table, local);
    if (clashes.length === 0) continue;
    settled += await adoptServerRows(db, session, table, clashes, sync);
  }
  return settled;
}

/** Where this laptop's sync stands: its id and its two checkpoints. */
export interface SyncPoint {
  laptop: string;
  pushedThrough: number;
  pulledThrough: number;
}

/**
 * Adopts the server's row for each clash, all in one local transaction; refuses a kind not
 * handled here with IdentityClashError. Answers how many records were settled.
 */
export async function adoptServerRows(
  db: Db,
  session: CentralSession,
  table: SyncedTable,
  clashes: readonly IdentityClash[],
  sync: SyncPoint,
): Promise<number> {
  const rule = adoptions[table];
  if (!rule) throw new IdentityClashError(table, clashes);
  const winners = clashes.map((c) => String(c.server.id));
  const repeats = new Set<string>();
  if (rule.repeats) {
    const { table: child, column, same } = rule.repeats;
    const res = await session.client.query<{ owner: string; same: string }>(
      `SELECT "${column}" AS owner, "${same}" AS same FROM ${child}
        WHERE school_id = $1 AND "${column}" = ANY($2) AND deleted_at IS NULL`,
      [session.schoolId, winners],
    );
    for (const r of res.rows) repeats.add(`${r.owner}\u0000${r.same}`);
  }
  const columns = (session.columns.get(table) ?? []).map((c) => c.name);
  const schoolId = session.schoolId;
  return db
    .transaction(() => {
      // The kept row comes in while the lost one's children still point at the lost one.
      db.pragma('defer_foreign_keys = ON');
      let settled = 0;
      for (const clash of clashes) {
        const lost = db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(clash.localId) as
          Row | undefined;
        if (!lost) continue;
        adoptOne(db, { schoolId, table, rule, clash, lost, columns, repeats, sync });
        settled++;
      }
      if (table === 'students') refreshStudentFeatures(db, schoolId, winners);
      else rebuildAndRescore(db, schoolId);
      return settled;
    })
    .immediate();
}

interface OneAdoption {
  schoolId: string;
  table: SyncedTable;
  rule: Adoption;
  clash: IdentityClash;
  lost: Row;
  columns: readonly string[];
  repeats: Set<string>;
  sync: SyncPoint;
}

function adoptOne(db: Db, a: OneAdoption): void {
  const { schoolId, table, rule, clash, lost, sync } = a;
  const kept = String(clash.server.id);
  const lostId = String(lost.id);
  const change = { schoolId, userId: null };
  withOperation(
    db,
    {
      ...change,
      action: 'other',
      entity: table,
      entityId: kept,
      context: { sync: 'made on two laptops: the server copy kept', kept, lost: lostId },
    },
    () => {
      db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(lostId);
      // The audit lists what travels of it: never a password hash.
      const before = Object.fromEntries(a.columns.map((c) => [c, lost[c] ?? null]));
      recordChange(db, { ...change, table, rowId: lostId, before, after: null });
      applyPulled(db, schoolId, {
        upTo: sync.pulledThrough,
        rows: new Map([[table, [clash.server]]]),
      });
      for (const child of rule.children) moveChildren(db, a, child, kept, lostId);
      if (rule.attendanceKey === 'student_key') moveAttendance(db, schoolId, lostId, kept);
      else if (rule.attendanceKey) moveAttendanceColumn(db, a, rule.attendanceKey, lostId, kept);
      // The lost row's local-only columns go onto the kept one: a user's password, so the
      // person who made the account here still signs in here with it.
      const keepLocal = localOnly[table] ?? [];
      if (keepLocal.length)
        db.prepare(
          `UPDATE ${table} SET ${keepLocal.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`,
        ).run(...keepLocal.map((c) => lost[c] as string | number | null), kept);
      for (const t of rule.dropLocal ?? [])
        db.prepare(`DELETE FROM ${t} WHERE school_id = ? AND student_id = ?`).run(schoolId, lostId);
      for (const t of rule.moveLocal ?? [])
        db.prepare(`UPDATE ${t} SET student_id = ? WHERE school_id = ? AND student_id = ?`).run(
          kept,
          schoolId,
          lostId,
        );
      recordLost(db, a, kept);
    },
  );
}

/** Points `lostId`'s rows of one child table at `kept`, each queued for the push. */
function moveChildren(db: Db, a: OneAdoption, child: Child, kept: string, lostId: string): void {
  const { schoolId, rule, repeats, sync } = a;
  const rows = db
    .prepare(`SELECT * FROM ${child.table} WHERE school_id = ? AND "${child.column}" = ?`)
    .all(schoolId, lostId) as Row[];
  const repeat = rule.repeats;
  for (const row of rows) {
    const id = String(row.id);
    const base = { schoolId, userId: null, table: child.table, rowId: id };
    if (
      repeat?.table === child.table &&
      repeat.column === child.column &&
      repeats.has(`${kept}\u0000${String(row[repeat.same])}`)
    ) {
      db.prepare(`DELETE FROM ${child.table} WHERE id = ?`).run(id);
      recordChange(db, { ...base, before: row, after: null });
      continue;
    }
    // A change not sent yet keeps its clock (it was written then); one the server has under
    // the lost id needs a newer one to replace it there.
    const version = queuedAfter(db, child.table, id, sync.pushedThrough)
      ? Number(row.version)
      : nextVersion(Number(row.version));
    db.prepare(`UPDATE ${child.table} SET "${child.column}" = ?, version = ? WHERE id = ?`).run(
      kept,
      version,
      id,
    );
    recordChange(db, {
      ...base,
      before: row,
      after: { ...row, [child.column]: kept, version },
      version,
    });
  }
}

/**
 * A pupil's register days move to the kept pupil's local key. Their id (`student/date`) is new to
 * the server, so each keeps its clock: a day both laptops took is then settled by which was
 * written last, as any two versions of one row are.
 */
function moveAttendance(db: Db, schoolId: string, lostId: string, kept: string): void {
  const from = existingLocalKey(db, lostId);
  if (from === null) return;
  const to = localKey(db, kept);
  const days = db
    .prepare('SELECT day, version FROM attendance_days WHERE student_key = ?')
    .all(from) as { day: number; version: number }[];
  db.prepare('UPDATE attendance_days SET student_key = ? WHERE student_key = ?').run(to, from);
  for (const { day, version } of days) {
    const date = dateOfEpochDay(day);
    const after = { student_id: kept, date, version };
    recordChange(db, {
      schoolId,
      userId: null,
      table: 'attendance',
      rowId: `${kept}/${date}`,
      outboxKey: ownedRowKey(to, day),
      before: null,
      after,
      version,
    });
  }
}

/**
 * Register days that name the lost class or recorder name the kept one: a change of each day,
 * keeping its clock when it was never sent (as moveChildren does).
 */
function moveAttendanceColumn(
  db: Db,
  a: OneAdoption,
  column: 'class_key' | 'recorded_by_key',
  lostId: string,
  kept: string,
): void {
  const from = existingLocalKey(db, lostId);
  if (from === null) return;
  const to = localKey(db, kept);
  const days = db
    .prepare(`SELECT student_key, day, version FROM attendance_days WHERE ${column} = ?`)
    .all(from) as { student_key: number; day: number; version: number }[];
  const update = db.prepare(
    `UPDATE attendance_days SET ${column} = ?, version = ? WHERE student_key = ? AND day = ?`,
  );
  const name = column === 'class_key' ? 'class_id' : 'recorded_by';
  for (const d of days) {
    const version = attendanceQueuedAfter(db, d.student_key, d.day, a.sync.pushedThrough)
      ? d.version
      : nextVersion(d.version);
    update.run(to, version, d.student_key, d.day);
    const student = idOfLocalKey(db, d.student_key) ?? '';
    const before = { [name]: lostId, version: d.version };
    const after = { [name]: kept, version };
    recordChange(db, {
      schoolId: a.schoolId,
      userId: null,
      table: 'attendance',
      rowId: `${student}/${dateOfEpochDay(d.day)}`,
      outboxKey: ownedRowKey(d.student_key, d.day),
      before,
      after,
      version,
    });
  }
}

/**
 * The lost row's fields as a conflict on the kept record, made here (the server never saw the
 * lost row) and synced like any other; its id is the one the server's merge would give it.
 */
function recordLost(db: Db, a: OneAdoption, kept: string): void {
  const { schoolId, table, clash, lost, columns, sync } = a;
  const lostVersion = Number(lost.version);
  const id = createHash('md5').update(`${table}:${kept}:${lostVersion}`).digest('hex');
  const now = new Date().toISOString();
  const lostRow = Object.fromEntries(columns.map((c) => [c, lost[c] ?? null]));
  prepared(
    db,
    `INSERT OR IGNORE INTO sync_conflicts (id, school_id, table_name, row_id, kept_version,
       kept_origin, lost_version, lost_origin, lost_row, detected_at, created_at, updated_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  ).run(
    id,
    schoolId,
    table,
    kept,
    Number(clash.server.version),
    clash.serverOrigin,
    lostVersion,
    sync.laptop,
    JSON.stringify(lostRow),
    now,
    now,
    now,
  );
  recordChange(db, {
    schoolId,
    userId: null,
    table: 'sync_conflicts',
    rowId: id,
    before: null,
    after: db.prepare('SELECT * FROM sync_conflicts WHERE id = ?').get(id) as Row,
  });
}
