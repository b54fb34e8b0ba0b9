import {
  importMapping,
  type ImportKind,
  type ImportMapping,
  type SavedImportMapping,
} from '../../../contract/domains/import';
import { BeaconError, insertSql, newId, type Db, writeTransaction } from '../../../db';
import { recordChange } from '../services/changes';

interface MappingRow {
  id: string;
  school_id: string;
  name: string;
  kind: ImportKind;
  definition: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}

const toSaved = (r: MappingRow): SavedImportMapping => ({
  name: r.name,
  kind: r.kind,
  mapping: importMapping.parse(JSON.parse(r.definition)),
  updatedAt: r.updated_at,
});

const liveByName = (db: Db, schoolId: string, name: string) =>
  db
    .prepare(
      'SELECT * FROM import_mappings WHERE school_id = ? AND name = ? AND deleted_at IS NULL',
    )
    .get(schoolId, name) as MappingRow | undefined;

const insertMappingSql = insertSql(
  'import_mappings',
  ['id', 'school_id', 'name', 'kind', 'definition'],
  ['created_at', 'updated_at', 'version', 'deleted_at'],
);

/** The school's saved mappings, by name, optionally for one kind of file. */
export function listMappings(db: Db, schoolId: string, kind?: ImportKind): SavedImportMapping[] {
  const rows = db
    .prepare(
      `SELECT * FROM import_mappings WHERE school_id = ? AND deleted_at IS NULL
         AND (? IS NULL OR kind = ?) ORDER BY name`,
    )
    .all(schoolId, kind ?? null, kind ?? null) as MappingRow[];
  return rows.map(toSaved);
}

/** A saved mapping by name; NOT_FOUND names the ones there are, and a wrong kind is refused. */
export function findMapping(
  db: Db,
  schoolId: string,
  name: string,
  kind: ImportKind,
): ImportMapping {
  const row = liveByName(db, schoolId, name);
  if (!row) {
    const names = listMappings(db, schoolId).map((m) => m.name);
    throw new BeaconError(
      'NOT_FOUND',
      `There is no saved mapping called "${name}"${names.length ? ` (saved: ${names.join(', ')})` : ''}.`,
    );
  }
  if (row.kind !== kind) {
    throw new BeaconError(
      'INVALID_INPUT',
      `The saved mapping "${name}" is for ${row.kind} files, not ${kind}.`,
    );
  }
  return toSaved(row).mapping;
}

/** Saves a mapping under a name, replacing one of the same name; audited and synced. */
export function saveMapping(
  db: Db,
  schoolId: string,
  userId: string | null,
  name: string,
  kind: ImportKind,
  mapping: ImportMapping,
): SavedImportMapping {
  return writeTransaction(db, () => {
    const before = liveByName(db, schoolId, name);
    const definition = JSON.stringify(mapping);
    const id = before?.id ?? newId();
    if (before) {
      if (before.kind === kind && before.definition === definition) return toSaved(before);
      db.prepare(
        `UPDATE import_mappings SET kind = ?, definition = ?,
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
      ).run(kind, definition, id);
    } else {
      db.prepare(insertMappingSql).run(id, schoolId, name, kind, definition);
    }
    const after = db.prepare('SELECT * FROM import_mappings WHERE id = ?').get(id) as MappingRow;
    recordChange(db, {
      schoolId,
      table: 'import_mappings',
      rowId: id,
      userId,
      before: before ?? null,
      after,
    });
    return toSaved(db.prepare('SELECT * FROM import_mappings WHERE id = ?').get(id) as MappingRow);
  });
}

/** Deletes a saved mapping (a tombstone that syncs); false when there was none by that name. */
export function deleteMapping(
  db: Db,
  schoolId: string,
  userId: string | null,
  name: string,
): boolean {
  return writeTransaction(db, () => {
    const before = liveByName(db, schoolId, name);
    if (!before) return false;
    db.prepare(
      `UPDATE import_mappings SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
    ).run(before.id);
    const after = db
      .prepare('SELECT * FROM import_mappings WHERE id = ?')
      .get(before.id) as MappingRow;
    recordChange(db, {
      schoolId,
      table: 'import_mappings',
      rowId: before.id,
      userId,
      before,
      after,
    });
    return true;
  });
}
