import { updateSourceInput, type UpdateSettings } from '../../../contract';
import { BeaconError, type Db } from '../../../db';
import { readSetting, writeSetting } from '../../../db/settings';

const KEY = 'updates';
const defaults: UpdateSettings = { source: { kind: 'built-in' } };

/** The school's update settings (the built-in server until someone chooses otherwise). */
export function readUpdateSettings(db: Db, schoolId: string | null): UpdateSettings {
  if (schoolId === null) return defaults;
  const saved = readSetting(db, schoolId, KEY) as { source?: unknown } | undefined;
  if (saved === undefined) return defaults;
  // A value written by another version or by hand is ignored, not trusted.
  const source = updateSourceInput.safeParse(saved.source);
  return source.success ? { source: source.data } : defaults;
}

/** Saves where updates come from; needs a school (the settings belong to it). */
export function writeUpdateSettings(
  db: Db,
  schoolId: string | null,
  next: UpdateSettings,
): UpdateSettings {
  if (schoolId === null) {
    throw new BeaconError('CONFLICT', 'Set up the school first: update settings belong to it.');
  }
  writeSetting(db, schoolId, KEY, next);
  return next;
}
