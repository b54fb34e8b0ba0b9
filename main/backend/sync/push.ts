import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { BeaconError } from '../../../db';
import type { CentralSession } from './central-session';
import { copyChunks } from './copy-text';
import { clashSql, IdentityClashError, toClashes } from './identity';
import { mergeSql } from './merge-sql';
import type { OutboxBatch } from './outbox-reader';
import { identityKeys, schoolColumn, syncedTables, type SyncedTable } from './synced-tables';

/** PostgreSQL's unique_violation: a "new" row that the server has already. */
const UNIQUE_VIOLATION = '23505';

export interface PushResult {
  rows: number;
  tombstones: number;
}

/** The advisory lock one school's pushes and pulls share, so a pull never sees half a push. */
export const schoolLockSql = (mode: 'exclusive' | 'shared') =>
  `SELECT ${mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(hashtext('beacon-sync:' || $1::text))`;

export interface PushOptions {
  /**
   * Tables whose staged rows are first tried as plain new rows (a first push, a day's new
   * register): no probe for conflicts and no upsert, which together cost most of a merge. A table
   * whose try meets an existing row is merged the full way and taken out of the set, so the
   * caller's later batches do not try again.
   */
  newRows?: Set<SyncedTable>;
  /** Called once while the server merges the batch's largest table: the next batch's read. */
  whileMerging?: () => void;
  /** The batch's COPY text made ahead by encodeBatch (else it is made as it is sent). */
  encoded?: Map<SyncedTable, Buffer[]>;
}

/**
 * A batch's COPY text per table, as pushBatch sends it. Made while the server merges the batch
 * before, so the laptop's encoding does not hold up the next COPY (a first push: 0.15-0.2 s of
 * CPU per 100,000 attendance rows).
 */
export function encodeBatch(
  session: CentralSession,
  batch: OutboxBatch,
): Map<SyncedTable, Buffer[]> {
  const out = new Map<SyncedTable, Buffer[]>();
  for (const [table, rows] of batch.rows) {
    const columns = (session.columns.get(table) ?? []).map((col) => col.name);
    // As bytes: a string built by appending is only flattened and encoded when written.
    const text = copyChunks(rows, mergeSql(table, columns).sent);
    out.set(
      table,
      Array.from(text, (chunk) => Buffer.from(chunk)),
    );
  }
  return out;
}

/**
 * Sends one batch in one server transaction: each table's rows by COPY into a staging table, then
 * one merge that keeps the newer version by the hybrid logical clock (so a batch sent twice
 * changes nothing), records every version it does not keep as a conflict, and applies tombstones.
 * Rows expected new (options.newRows) are first inserted as they are, under a savepoint: when
 * none exists on the server that is the whole merge.
 * Refuses, before sending anything, a row of another school, and with IdentityClashError (the
 * batch rolled back) a parent whose identity key the server holds under another id.
 */
export async function pushBatch(
  session: CentralSession,
  batch: OutboxBatch,
  laptop: string,
  pulledThrough: number,
  options: PushOptions = {},
): Promise<PushResult> {
  for (const [table, rows] of batch.rows) {
    const key = schoolColumn(table);
    const foreign = rows.find((r) => r[key] !== session.schoolId);
    if (foreign) {
      throw new BeaconError(
        'FORBIDDEN',
        `A ${table} row (${String(foreign.id)}) belongs to another school than this connection's; nothing was sent.`,
      );
    }
  }
  const c = session.client;
  let rows = 0;
  await c.query('BEGIN');
  try {
    await c.query(schoolLockSql('exclusive'), [session.schoolId]);
    // A batch (at most some thousands of rows) meets a school's partition of up to millions:
    // probing the key indexes row by row is the right plan, but a partition not yet analysed
    // after a first push looked tiny and was hashed whole (158 ms against a few ms for a day of
    // 5,000 rows). The school's role cannot ANALYZE tables it does not own, so say it here.
    await c.query('SET LOCAL enable_hashjoin = off');
    await c.query('SET LOCAL enable_mergejoin = off');
    const largest = [...batch.rows].reduce<[SyncedTable | null, number]>(
      (best, [table, list]) => (list.length > best[1] ? [table, list.length] : best),
      [null, 0],
    )[0];
    let whileMerging = options.whileMerging;
    const merge = async (sql: string, table: SyncedTable, more: string[] = []) => {
      const sent = c.query(sql, [laptop, ...more]);
      try {
        const during = table === largest ? whileMerging : undefined;
        if (during) {
          whileMerging = undefined;
          during();
        }
      } finally {
        await sent;
      }
    };
    for (const table of syncedTables) {
      const list = batch.rows.get(table);
      if (!list?.length) continue;
      const described = session.columns.get(table) ?? [];
      const columns = described.map((col) => col.name);
      const sql = mergeSql(table, columns);
      await c.query(sql.stage);
      const text = options.encoded?.get(table) ?? copyChunks(list, sql.sent);
      await pipeline(Readable.from(text), c.query(copyFrom(sql.copy)));
      rows += list.length;
      if (options.newRows?.has(table) && !sql.naturalKey.length) {
        // None of the rows exists on the server, so none can conflict with another laptop's.
        await c.query('SAVEPOINT new_rows');
        try {
          await merge(sql.insertNew, table, sql.derive ? [session.schoolId] : []);
          await c.query('RELEASE SAVEPOINT new_rows');
          continue;
        } catch (err) {
          if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
          await c.query('ROLLBACK TO SAVEPOINT new_rows');
          options.newRows.delete(table);
        }
      }
      if (sql.derive) await c.query(sql.derive, [session.schoolId]);
      // A fresh temp table has no statistics: without them the planner hash-joins the whole
      // partition for a day's few thousand rows (measured 145 ms against a few with them).
      await c.query(`ANALYZE stage_${table}`);
      if (identityKeys[table]) {
        // A parent another laptop made too (one student number): the unique key would refuse
        // it with PostgreSQL's words; say which record instead (sync/adopt.ts settles it).
        const found = await c.query<Parameters<typeof toClashes>[0][number]>(
          clashSql(table, described, 'stage'),
          [session.schoolId],
        );
        if (found.rows.length)
          throw new IdentityClashError(table, toClashes(found.rows, described));
      }
      if (sql.sameRowConflicts)
        await c.query(sql.sameRowConflicts, [laptop, pulledThrough, session.schoolId]);
      const [clash, conflicts, dropExisting, dropIncoming] = sql.naturalKey;
      if (clash && conflicts && dropExisting && dropIncoming) {
        await c.query(clash, [session.schoolId]);
        await c.query(conflicts, [laptop, session.schoolId]);
        await c.query(dropExisting, [session.schoolId]);
        await c.query(dropIncoming);
      }
      await merge(sql.upsert, table);
    }
    for (const g of batch.gone) {
      await c.query(
        `UPDATE ${g.table} SET deleted_at = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           version = $3, server_seq = nextval('server_seq'), origin = $4
         WHERE ${schoolColumn(g.table)} = $1 AND id = $2 AND version < $3`,
        [session.schoolId, g.id, g.version, laptop],
      );
    }
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return { rows, tombstones: batch.gone.length };
}
