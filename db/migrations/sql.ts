/** Columns every row that syncs carries: who owns it, when it changed, its clock, its tombstone. */
export const syncColumns = `
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
  deleted_at TEXT`;

/** A CHECK that the column holds a real calendar date written YYYY-MM-DD (rejects 2025-02-30). */
export const validDate = (col: string) => `CHECK (${col} IS date(${col}))`;
export const validOptionalDate = (col: string) =>
  `CHECK (${col} IS NULL OR ${col} IS date(${col}))`;
