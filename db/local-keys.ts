import type { Db } from './driver';
import { prepared } from './prepared';

/**
 * The local integer key of a UUID (a student, class or user), made on first use. Compact tables
 * (attendance) refer to rows by these: 1 to 3 bytes instead of 36 characters in every row and
 * key. They mean nothing off this laptop: sync and the contract always carry the UUIDs.
 */
export function localKey(db: Db, id: string): number {
  const key = prepared(db, 'SELECT key FROM local_keys WHERE id = ?').pluck().get(id) as
    number | undefined;
  if (key !== undefined) return key;
  return Number(prepared(db, 'INSERT INTO local_keys (id) VALUES (?)').run(id).lastInsertRowid);
}

/** The UUID a local key stands for, or null when no such key was made. */
export function idOfLocalKey(db: Db, key: number): string | null {
  return (
    (prepared(db, 'SELECT id FROM local_keys WHERE key = ?').pluck().get(key) as
      string | undefined) ?? null
  );
}
