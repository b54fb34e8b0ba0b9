import { BeaconError } from '../../../db';
import type { CentralSession, Column } from './central-session';
import type { Row } from './outbox-reader';
import { normalise, selectList } from './pull';
import { identityKeys, type SyncedTable } from './synced-tables';

/**
 * Parent records made twice: two laptops that enrolled the same pupil (one student number) or
 * created the same class or term offline, each under an id of its own. The central unique key
 * takes the first push; this module finds the second laptop's rows that meet it, with the
 * server's row each meets, and says so plainly (sync/adopt.ts then adopts the server's row for
 * the kinds it handles).
 */

/** One local row whose identity key the server holds under another id, and that row. */
export interface IdentityClash {
  localId: string;
  /** The server's row, with the columns that travel, as a pull reads it. */
  server: Row;
  /** The laptop that wrote the server's version. */
  serverOrigin: string;
}

/**
 * The server's rows that hold an identity key of `source`'s rows under another id: `source` is a
 * staging table (`stage_students`, in a push's transaction) or the JSON of local rows ($2).
 * $1 is the school.
 */
export function clashSql(
  table: SyncedTable,
  columns: readonly Column[],
  source: 'stage' | 'json',
): string {
  const key = identityKeys[table] ?? [];
  const from =
    source === 'stage'
      ? `stage_${table} p`
      : `jsonb_to_recordset($2::jsonb) AS p(id text, ${key.map((c) => `"${c}" text`).join(', ')})`;
  return `SELECT p.id AS beacon_local_id, t.origin AS beacon_origin, ${selectList(columns, 't')}
    FROM ${from} JOIN ${table} t ON t.school_id = $1::text
      AND ${key.map((c) => `t."${c}" = p."${c}"`).join(' AND ')} AND t.id <> p.id`;
}

/** The rows of a clash query as clashes. */
export function toClashes(
  rows: (Row & { beacon_local_id: string; beacon_origin: string })[],
  columns: readonly Column[],
): IdentityClash[] {
  const bigints = columns.filter((c) => c.type === 'bigint').map((c) => c.name);
  return rows.map(({ beacon_local_id, beacon_origin, ...server }) => ({
    localId: beacon_local_id,
    serverOrigin: beacon_origin,
    server: normalise(server, bigints),
  }));
}

/** Asks the server which of these local rows (id and identity key) it holds under another id. */
export async function findClashes(
  session: CentralSession,
  table: SyncedTable,
  local: readonly Row[],
): Promise<IdentityClash[]> {
  if (local.length === 0 || !identityKeys[table]) return [];
  const columns = session.columns.get(table) ?? [];
  const res = await session.client.query<Row & { beacon_local_id: string; beacon_origin: string }>(
    clashSql(table, columns, 'json'),
    [session.schoolId, JSON.stringify(local)],
  );
  return toClashes(res.rows, columns);
}

/** What the clash is, in a head teacher's words: the record by its identity key. */
function described(table: SyncedTable, row: Row): string {
  const text = (c: string) => String(row[c] ?? '');
  const also = 'was also created on another laptop of this school';
  switch (table) {
    case 'students':
      return `Student number ${text('student_number')} was also enrolled on another laptop of this school, as a different pupil (${text('first_name')} ${text('last_name')} there).`;
    case 'classes':
      return `Class ${text('name')} of ${text('school_year')} ${also}, as a different class.`;
    case 'terms':
      return `Term ${text('name')} of ${text('school_year')} ${also}, as a different term.`;
    case 'users':
      return `The user name ${text('username')} ${also}, for a different account (${text('display_name')} there).`;
    default:
      return `A ${table} record ${also}.`;
  }
}

/**
 * The refusal a clash gives when it is not settled here: which record, and what to do. Nothing
 * of the batch was kept on the server.
 */
export class IdentityClashError extends BeaconError {
  constructor(
    readonly table: SyncedTable,
    readonly clashes: readonly IdentityClash[],
  ) {
    const first = clashes[0];
    super(
      'CONFLICT',
      `${first ? described(table, first.server) : `A ${table} record was made twice.`} ` +
        "This laptop's changes were not sent. Sync again: Beacon keeps the other laptop's record " +
        'and moves what this laptop recorded to it. If this message stays, ask the district.' +
        (clashes.length > 1 ? ` (${clashes.length - 1} more like it.)` : ''),
      { table, clashes: clashes.map((c) => ({ localId: c.localId, serverId: c.server.id })) },
    );
  }
}
