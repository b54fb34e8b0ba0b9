import type { Db } from '../db';

export interface StoragePart {
  /** A table or index name as dbstat reports it (sqlite_autoindex_* for implicit UNIQUE keys). */
  name: string;
  /** The table an index belongs to; the table itself for a table. */
  table: string;
  bytes: number;
  rows: number | null;
}

export interface StorageFigure {
  fileBytes: number;
  studentYears: number;
  bytesPerStudentYear: number;
  parts: StoragePart[];
}

/**
 * How big a school's database is per student-year, every table and index counted: the file's
 * pages (after a checkpoint, so the WAL holds nothing) divided by the distinct (student, school
 * year) pairs the enrolments name, with dbstat's bytes for each B-tree, largest first.
 */
export function measureStorage(db: Db): StorageFigure {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const studentYears = db
    .prepare(
      `SELECT count(*) FROM (SELECT DISTINCT e.student_id, c.school_year
         FROM enrolments e JOIN classes c ON c.id = e.class_id)`,
    )
    .pluck()
    .get() as number;
  const trees = db
    .prepare(
      `SELECT d.name, coalesce(m.tbl_name, d.name) AS tbl, m.type, sum(d.pgsize) AS bytes
       FROM dbstat d LEFT JOIN sqlite_schema m ON m.name = d.name
       GROUP BY d.name ORDER BY bytes DESC, d.name`,
    )
    .all() as { name: string; tbl: string; type: string | null; bytes: number }[];
  const parts = trees.map((t) => ({
    name: t.name,
    table: t.tbl,
    bytes: t.bytes,
    rows:
      t.type === 'table'
        ? (db
            .prepare(`SELECT count(*) FROM "${t.name.replaceAll('"', '""')}"`)
            .pluck()
            .get() as number)
        : null,
  }));
  const fileBytes = pageSize * pages;
  return {
    fileBytes,
    studentYears,
    bytesPerStudentYear: studentYears > 0 ? fileBytes / studentYears : NaN,
    parts,
  };
}

/** The breakdown as a plain-text table: B-tree, its table, bytes, share of the file, rows. */
export function storageTable(figure: StorageFigure): string {
  const rows = figure.parts.map((p) => [
    p.name,
    p.table,
    p.bytes.toLocaleString('en'),
    `${((100 * p.bytes) / figure.fileBytes).toFixed(1)}%`,
    p.rows === null ? '' : p.rows.toLocaleString('en'),
    p.rows ? (p.bytes / p.rows).toFixed(0) : '',
  ]);
  const header = ['b-tree', 'table', 'bytes', 'share', 'rows', 'bytes/row'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
