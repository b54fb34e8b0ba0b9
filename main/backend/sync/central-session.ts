import pg from 'pg';
import { BeaconError, tables } from '../../../db';
import { centralApplied, checkCentralSchema } from '../central/central-schema';
import { clientConfig, connectionTarget } from '../central/central-url';
import type { SchoolConnection } from '../central/connection-file';
import { centralError } from '../central/pg-errors';
import { localOnly, serverColumns, syncedTables, type SyncedTable } from './synced-tables';

export interface Column {
  name: string;
  /** The central column's type, which says how a value crosses (dates as text, bigints as numbers). */
  type: string;
}

/** A school's open connection to the central server, checked and bound to one school. */
export interface CentralSession {
  client: pg.Client;
  host: string;
  schoolId: string;
  /** The columns that travel, per table: both sides have them and none is local-only. */
  columns: Map<SyncedTable, Column[]>;
  close(): Promise<void>;
}

/**
 * The columns that travel, per table: those the central table has and the table's description
 * (db/tables.ts, held to the migrated schema by its test) names, never a local-only or
 * server-only one; the central side says each one's type. Sync and district training (which
 * rebuilds a school in a scratch database through the same pull) both read rows with these.
 */
export async function travellingColumns(client: pg.Client): Promise<Map<SyncedTable, Column[]>> {
  const cols = await client.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY($1) ORDER BY ordinal_position`,
    [[...syncedTables]],
  );
  const columns = new Map<SyncedTable, Column[]>();
  for (const table of syncedTables) {
    // Attendance's derived id is a column of its view, so of its description too.
    const local = new Set<string>(tables[table].columns);
    const never = new Set<string>([...(localOnly[table] ?? []), ...serverColumns]);
    columns.set(
      table,
      cols.rows
        .filter(
          (c) => c.table_name === table && local.has(c.column_name) && !never.has(c.column_name),
        )
        .map((c) => ({ name: c.column_name, type: c.data_type })),
    );
  }
  return columns;
}

/**
 * Connects with the school's role, refuses a server whose schema is not this Beacon's, binds the
 * school's account to this laptop's school on first use (or refuses when it is bound to another
 * school), and works out which columns travel. Nothing is written before all of that passed.
 */
export async function openCentralSession(
  connection: SchoolConnection,
  password: string,
  localSchoolId: string | null,
): Promise<CentralSession> {
  const client = new pg.Client(clientConfig(connectionTarget(connection), password));
  // A link cut mid-query surfaces as an 'error' event too; the failing query reports it.
  client.on('error', () => undefined);
  try {
    await client.connect();
    checkCentralSchema(await centralApplied(client), connection.host);
    const bound = await client.query<{ s: string | null }>('SELECT beacon_claim_school($1) AS s', [
      localSchoolId,
    ]);
    const schoolId = bound.rows[0]?.s ?? null;
    if (!schoolId) {
      throw new BeaconError(
        'NOT_FOUND',
        `The central server has no records yet for school ${connection.schoolCode}: set up the school on one laptop and sync it first.`,
      );
    }
    if (localSchoolId && schoolId !== localSchoolId) {
      throw new BeaconError(
        'CONFLICT',
        `This connection file is for school ${connection.schoolCode}, whose records on the central server come from another school database than this laptop's. Use a fresh database on this laptop; nothing was changed.`,
      );
    }
    const columns = await travellingColumns(client);
    return {
      client,
      host: connection.host,
      schoolId,
      columns,
      close: () => client.end().catch(() => undefined),
    };
  } catch (err) {
    await client.end().catch(() => undefined);
    throw centralError(err, connection.host);
  }
}
