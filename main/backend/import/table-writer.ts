import type Database from 'better-sqlite3';
import type { ChangedTable } from '../../../contract';
import type { ImportCounts } from '../../../contract/domains/import';
import {
  insertColumns,
  newId,
  nextVersion,
  type ColumnOf,
  type Db,
  type Defaulted,
} from '../../../db';
import { recordChange } from '../services/changes';

export type SqlValue = string | number | null;

/** Who the import writes as: the school the rows belong to, and the user the audit names. */
export interface Actor {
  schoolId: string;
  userId: string | null;
}

/** A row already in the table, as SELECT * returns it. */
export interface ExistingRow {
  id: string;
  version: number;
  deleted_at: string | null;
  [column: string]: unknown;
}

export type WriteResult = 'created' | 'changed' | 'unchanged';

/** A row's values by column, named as the table's description names them (db/tables.ts). */
export type RowValues<T extends ChangedTable> = { [C in ColumnOf<T>]?: SqlValue };

/** The columns every insert of a TableWriter sets itself. */
const ownColumns = ['id', 'school_id', 'version'] as const;

/** `insertColumns` for lists the class's generic types have already checked. */
const columnList = insertColumns as (table: ChangedTable, w: string[], d: string[]) => string;

/**
 * Writes one table's rows for an import, with statements prepared once so 200,000 rows stay
 * fast; the bookkeeping (clock, outbox, audit) is the change log's (services/changes.ts), inside
 * the import's operation. Created rows are covered by the file's one 'import' audit entry, so a
 * large file does not write its rows twice; changed rows (and tombstones brought back) are
 * listed in that entry with what changed.
 */
export class TableWriter<
  T extends ChangedTable = ChangedTable,
  const W extends readonly ColumnOf<T>[] = readonly ColumnOf<T>[],
  const D extends readonly ColumnOf<T>[] = readonly ColumnOf<T>[],
> {
  readonly counts: ImportCounts = { created: 0, changed: 0, unchanged: 0 };
  private readonly insert: Database.Statement;
  private readonly update: Database.Statement;
  /** Reused for every insert: 200,000 rows need no 200,000 arrays. */
  private readonly params: SqlValue[];

  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
    readonly table: T,
    /** Columns an insert sets, besides id, school_id and version (named by db/tables.ts). */
    private readonly columns: W,
    /**
     * Every other column of the table's description, left to its default: a column added to
     * the description fails to typecheck here until the writer writes it or names it.
     */
    defaulted: Defaulted<T, (typeof ownColumns)[number] | W[number], D>,
    /** Columns the import may change on an existing row, compared to tell "changed". */
    private readonly updatable: readonly ColumnOf<T>[],
  ) {
    const list = columnList(table, [...ownColumns, ...columns], [...defaulted]);
    this.insert = db.prepare(
      `INSERT INTO ${table} ${list} VALUES (?, ?, ?, ${columns.map(() => '?').join(', ')})`,
    );
    const sets = updatable.map((c) => `${c} = ?`);
    this.update = db.prepare(
      `UPDATE ${table} SET ${[...sets, 'deleted_at = NULL', 'updated_at = ?', 'version = ?'].join(', ')}
       WHERE id = ?`,
    );
    this.params = new Array<SqlValue>(columns.length + 3).fill(null);
  }

  /** True when writing `values` over `existing` would change a live row. */
  differs(existing: ExistingRow, values: RowValues<T>): boolean {
    if (existing.deleted_at !== null) return true;
    return this.updatable.some((c) => existing[c] !== values[c]);
  }

  /**
   * Creates the row, or brings `existing` to `values` when they differ. A new row takes `id`
   * when given (so other rows of the same file can already point at it).
   */
  write(
    values: RowValues<T>,
    existing: ExistingRow | undefined,
    id?: string,
  ): { id: string; result: WriteResult } {
    const { schoolId, userId } = this.actor;
    if (!existing) {
      const rowId = id ?? newId();
      const version = nextVersion();
      const params = this.params;
      params[0] = rowId;
      params[1] = schoolId;
      params[2] = version;
      for (let i = 0; i < this.columns.length; i++)
        params[i + 3] = values[this.columns[i] as ColumnOf<T>] ?? null;
      this.insert.run(params);
      recordChange(this.db, {
        schoolId,
        userId,
        table: this.table,
        rowId,
        before: null,
        after: { version },
        version,
        unaudited: true,
      });
      this.counts.created++;
      return { id: rowId, result: 'created' };
    }
    if (!this.differs(existing, values)) {
      this.counts.unchanged++;
      return { id: existing.id, result: 'unchanged' };
    }
    const version = nextVersion(existing.version);
    const updatedAt = new Date().toISOString();
    this.update.run(
      ...this.updatable.map((c) => values[c] ?? null),
      updatedAt,
      version,
      existing.id,
    );
    const after: Record<string, unknown> = { ...existing, deleted_at: null, version };
    for (const c of this.updatable) after[c] = values[c] ?? null;
    recordChange(this.db, {
      schoolId,
      userId,
      table: this.table,
      rowId: existing.id,
      before: existing,
      after,
      action: 'import',
      version,
    });
    const revived = existing.deleted_at !== null;
    if (revived) this.counts.created++;
    else this.counts.changed++;
    return { id: existing.id, result: revived ? 'created' : 'changed' };
  }
}
