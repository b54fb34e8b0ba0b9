import type { Db } from './driver';
import { prepared } from './prepared';

/** A school's setting as stored (JSON), or undefined when it was never saved. */
export function readSetting(db: Db, schoolId: string, key: string): unknown {
  const raw = prepared(db, 'SELECT value FROM settings WHERE school_id = ? AND key = ?')
    .pluck()
    .get(schoolId, key) as string | undefined;
  return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
}

/** Saves a school's setting as JSON, replacing the earlier value and bumping its version. */
export function writeSetting(db: Db, schoolId: string, key: string, value: unknown): void {
  prepared(
    db,
    `INSERT INTO settings (school_id, key, value) VALUES (?, ?, ?)
     ON CONFLICT (school_id, key) DO UPDATE SET value = excluded.value,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), version = version + 1`,
  ).run(schoolId, key, JSON.stringify(value));
}
