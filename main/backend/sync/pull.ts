import type { CentralSession, Column } from './central-session';
import type { Row } from './outbox-reader';
import { schoolLockSql } from './push';
import { schoolColumn, syncedTables, type SyncedTable } from './synced-tables';

export interface Pulled {
  /** The server sequence this pull covers; the pull checkpoint moves here once applied. */
  upTo: number;
  rows: Map<SyncedTable, Row[]>;
}

const PAGE = 20_000;

/** A table's columns as a select list, of the row alias `from` when given. */
export function selectList(columns: readonly Column[], from = ''): string {
  const at = from ? `${from}.` : '';
  // Dates as their text, so they arrive as YYYY-MM-DD whatever the time zone.
  return columns
    .map((c) => (c.type === 'date' ? `${at}"${c.name}"::text AS "${c.name}"` : `${at}"${c.name}"`))
    .join(', ');
}

/** A read row as a laptop writes it: bigint columns (clocks) as numbers. */
export function normalise(row: Row, bigints: readonly string[]): Row {
  for (const c of bigints) if (row[c] !== null && row[c] !== undefined) row[c] = Number(row[c]);
  return row;
}

/**
 * Reads the school's rows that other laptops (and the server's merges) changed after `since`, in
 * one read-only snapshot taken while no push of this school is half done.
 */
export async function pullChanges(
  session: CentralSession,
  laptop: string,
  since: number,
): Promise<Pulled> {
  const c = session.client;
  await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await c.query(schoolLockSql('shared'), [session.schoolId]);
    const seq = await c.query<{ v: string }>('SELECT last_value AS v FROM server_seq');
    const upTo = Number(seq.rows[0]?.v ?? 0);
    const rows = new Map<SyncedTable, Row[]>();
    for (const table of syncedTables) {
      const columns = session.columns.get(table) ?? [];
      const bigints = columns.filter((col) => col.type === 'bigint').map((col) => col.name);
      const out: Row[] = [];
      // Rows of one pushed batch share a sequence number, so pages go by (sequence, id). Rows at
      // `since` itself came with the last pull (it read up to and with its `upTo`).
      let after = { seq: since, id: '' };
      for (;;) {
        const page = await c.query<Row & { server_seq: string }>(
          `SELECT ${selectList(columns)}, server_seq FROM ${table}
            WHERE ${schoolColumn(table)} = $1 AND (server_seq, id) > ($2::bigint, $5::text)
              AND server_seq > $6 AND server_seq <= $3 AND origin <> $4
            ORDER BY server_seq, id LIMIT ${PAGE}`,
          [session.schoolId, after.seq, upTo, laptop, after.id, since],
        );
        for (const r of page.rows) {
          after = { seq: Number(r.server_seq), id: String(r.id) };
          delete (r as Row).server_seq;
          out.push(normalise(r, bigints));
        }
        if (page.rows.length < PAGE) break;
      }
      if (out.length) rows.set(table, out);
    }
    await c.query('COMMIT');
    return { upTo, rows };
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
