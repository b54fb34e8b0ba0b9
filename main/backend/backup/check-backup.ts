import { existsSync, statSync } from 'node:fs';
import { BeaconError, openSqlite, type DatabaseKey, type Db } from '../../../db';
import { checkHistory } from '../../../db/history';

/** What a backup holds, once it passed every check. */
export interface CheckedBackup {
  schoolId: string;
  schoolName: string;
  /** Migrations applied in the file, oldest first (a prefix of this Beacon's list). */
  applied: string[];
}

/** The database a backup would replace: its school, and whether it holds anything to lose. */
export interface RestoreTarget {
  schoolId: string | null;
  /** True when the database holds students: then only the same school may replace it. */
  hasRecords: boolean;
}

const refused = (path: string, why: string, reason: string) =>
  new BeaconError('BACKUP_REFUSED', `${path} cannot be restored: ${why}. Nothing was changed.`, {
    reason,
  });

function openBackup(path: string, key: DatabaseKey | null): Db {
  try {
    return openSqlite(path, { readonly: true, fileMustExist: true, key });
  } catch (err) {
    if (err instanceof BeaconError && err.code === 'DATABASE_ENCRYPTED') {
      throw new BeaconError(
        'DATABASE_ENCRYPTED',
        `${path} is encrypted with a key this computer does not hold (or it is damaged). ` +
          'Bring the recovery key of the computer that made it (see docs/backups.md); nothing was changed.',
      );
    }
    throw refused(path, 'it is not a SQLite database', 'not-a-database');
  }
}

/**
 * Checks a backup before it may replace the database, reading it only: SQLite's integrity
 * check, a schema this Beacon can migrate (not newer, not diverged), and the school it holds
 * (another school's backup may only go onto a database with no students, i.e. a fresh install).
 * Every refusal says what is wrong and changes nothing.
 */
export function checkBackup(
  path: string,
  key: DatabaseKey | null,
  known: readonly string[],
  target: RestoreTarget,
): CheckedBackup {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new BeaconError('NOT_FOUND', `There is no backup file at ${path}.`);
  }
  const db = openBackup(path, key);
  try {
    let integrity: string;
    try {
      integrity = String(db.pragma('integrity_check(1)', { simple: true }));
    } catch (err) {
      throw refused(path, `the file is damaged (${(err as Error).message})`, 'damaged');
    }
    if (integrity !== 'ok') throw refused(path, `the file is damaged (${integrity})`, 'damaged');
    const tables = new Set(
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
    );
    if (!tables.has('knex_migrations') || !tables.has('schools')) {
      throw refused(path, 'it is not a Beacon database', 'not-beacon');
    }
    const applied = db
      .prepare('SELECT name FROM knex_migrations ORDER BY id')
      .pluck()
      .all()
      .map(String);
    try {
      checkHistory(applied, known);
    } catch (err) {
      if (err instanceof BeaconError && err.code === 'DATABASE_NEWER') {
        throw new BeaconError(
          'DATABASE_NEWER',
          `${path} was made by a newer version of Beacon (schema ${applied.length}); install ` +
            'that version first, then restore it. Nothing was changed.',
          err.details,
        );
      }
      throw refused(path, (err as Error).message, 'diverged');
    }
    const schools = db
      .prepare('SELECT id, name FROM schools WHERE deleted_at IS NULL ORDER BY created_at')
      .all() as { id: string; name: string }[];
    const school = schools[0];
    if (!school || schools.length > 1) {
      throw refused(path, 'it does not hold exactly one school', 'no-school');
    }
    if (target.schoolId !== null && target.schoolId !== school.id && target.hasRecords) {
      throw refused(
        path,
        `it holds another school (${school.name}) and this database holds students of its own`,
        'foreign',
      );
    }
    return { schoolId: school.id, schoolName: school.name, applied };
  } finally {
    db.close();
  }
}
