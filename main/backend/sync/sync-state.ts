import { newId, noteChanged, prepared, type Db } from '../../../db';
import type { SchoolConnection } from '../central/connection-file';
import type { AuditCursor } from './audit-reader';

/** What sync remembers on this laptop, per school, in sync_state: never a password. */
export interface SyncState {
  connection: SchoolConnection | null;
  /** This laptop's name on the server (the `origin` of what it writes). */
  laptop: string;
  /** The last outbox entry the server has committed. */
  pushedThrough: number;
  /** The last server sequence applied here. */
  pulledThrough: number;
  /**
   * The last audit entry the server has committed; null until the first audit push (a laptop
   * that synced before the audit log travelled then sends its whole log once).
   */
  auditPushedThrough: AuditCursor | null;
  lastSuccessAt: string | null;
  lastError: { code: string; message: string; at: string } | null;
}

type Key =
  | 'connection'
  | 'laptop'
  | 'pushed_through'
  | 'pulled_through'
  | 'audit_pushed_through'
  | 'last_success_at'
  | 'last_error'
  /** A district admin's connection (central/district-connection.ts); never a password. */
  | 'district_connection'
  /** The school-wide settings this laptop last sent, by key (sync/school-settings.ts). */
  | 'settings_pushed';

/** One sync_state value, parsed; null when none is kept. */
export function readSyncValue(db: Db, schoolId: string, key: Key): unknown {
  const row = prepared(db, 'SELECT value FROM sync_state WHERE school_id = ? AND key = ?').get(
    schoolId,
    key,
  ) as { value: string } | undefined;
  return row ? JSON.parse(row.value) : null;
}

/** Writes one sync_state value in the caller's transaction (or its own statement). */
export function writeSyncState(db: Db, schoolId: string, key: Key, value: unknown): void {
  prepared(
    db,
    `INSERT INTO sync_state (school_id, key, value, updated_at) VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
     ON CONFLICT (school_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(schoolId, key, JSON.stringify(value));
  // The Sync screen shows this state: a `dataChanged` names it (it has no change-log table).
  noteChanged(db, 'sync');
}

/** The school's sync state; a laptop id is made and kept the first time it is asked for. */
export function readSyncState(db: Db, schoolId: string): SyncState {
  let laptop = readSyncValue(db, schoolId, 'laptop');
  if (typeof laptop !== 'string') {
    laptop = newId();
    writeSyncState(db, schoolId, 'laptop', laptop);
  }
  return {
    connection: (readSyncValue(db, schoolId, 'connection') as SchoolConnection | null) ?? null,
    laptop: laptop as string,
    pushedThrough: Number(readSyncValue(db, schoolId, 'pushed_through') ?? 0),
    pulledThrough: Number(readSyncValue(db, schoolId, 'pulled_through') ?? 0),
    auditPushedThrough:
      (readSyncValue(db, schoolId, 'audit_pushed_through') as AuditCursor | null) ?? null,
    lastSuccessAt: (readSyncValue(db, schoolId, 'last_success_at') as string | null) ?? null,
    lastError: (readSyncValue(db, schoolId, 'last_error') as SyncState['lastError']) ?? null,
  };
}

/** When sync last succeeded for the school, null when never; reads only (the home page asks). */
export function lastSyncSuccess(db: Db, schoolId: string): string | null {
  const value = readSyncValue(db, schoolId, 'last_success_at');
  return typeof value === 'string' ? value : null;
}
