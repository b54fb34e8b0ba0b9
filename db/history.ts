import { existsSync } from 'node:fs';
import { openSqlite } from './driver';
import { BeaconError } from './errors';
import { translateSqliteError } from './sqlite-errors';

/** The names of the migrations a database file says were applied, oldest first. */
export function appliedMigrations(path: string): string[] {
  if (!existsSync(path)) return [];
  // Read-only, so a database we refuse is left byte-for-byte as we found it.
  const db = openSqlite(path, { readonly: true, fileMustExist: true });
  try {
    const table = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'knex_migrations'")
      .get();
    if (!table) return [];
    return db.prepare('SELECT name FROM knex_migrations ORDER BY id').pluck().all().map(String);
  } catch (err) {
    const translated = translateSqliteError(err, path);
    // A read-only folder or a busy file is not a damaged one: say which it is.
    if (translated && translated.code !== 'DATABASE_DAMAGED') throw translated;
    throw new BeaconError(
      'INTERNAL',
      `The file ${path} is not a Beacon database or is damaged: ${(err as Error).message}`,
    );
  } finally {
    db.close();
  }
}

/**
 * Refuses a database whose applied migrations are not a prefix of the code's list: one written by
 * a newer Beacon, or one whose history diverged. Migrating either would corrupt it.
 */
export function checkHistory(applied: readonly string[], known: readonly string[]): void {
  for (let i = 0; i < applied.length; i++) {
    const name = applied[i];
    if (known[i] === name) continue;
    if (i >= known.length || !known.includes(name ?? '')) {
      throw new BeaconError(
        'DATABASE_NEWER',
        `This database was written by a newer version of Beacon (schema ${applied.length}); ` +
          'install the newer version.',
        { applied, known },
      );
    }
    throw new BeaconError(
      'DATABASE_DIVERGED',
      `This database's schema history does not match this version of Beacon ` +
        `(step ${i + 1} is "${name}", expected "${known[i]}"); restore a backup or ask IT.`,
      { applied, known },
    );
  }
}
