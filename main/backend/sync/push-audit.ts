import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../../../db';
import { auditStart, centralAuditColumns, readAuditBatch } from './audit-reader';
import type { CentralSession } from './central-session';
import { copyChunks } from './copy-text';
import { readSyncState, writeSyncState } from './sync-state';

const list = centralAuditColumns.join(', ');

/**
 * The audit log is append-only on both sides, so its push is simpler than the records' merge:
 * new entries are inserted, an entry the server has already (a batch sent again after a cut
 * link) is left as it is, and nothing is ever updated (a school's role may not: migration 0053).
 */
const stageSql = `CREATE TEMP TABLE stage_audit_log ON COMMIT DROP AS
  SELECT ${list} FROM audit_log WITH NO DATA`;
const copySql = `COPY stage_audit_log (${list}) FROM STDIN`;
const insertSql = `INSERT INTO audit_log (${list}, origin)
  SELECT ${list}, $1::text FROM stage_audit_log ORDER BY id
  ON CONFLICT (school_id, id) DO NOTHING`;

/** Entries per batch (each one server transaction); fewer when they are large (audit-reader.ts). */
export const AUDIT_BATCH = 5_000;

/**
 * Sends this laptop's audit entries written since the audit checkpoint, in the log's own order,
 * one server transaction per batch (COPY into a staging table, then one insert that keeps each
 * entry once), moving the checkpoint only after the server commits. Answers the entries sent.
 */
export async function pushAudit(
  db: Db,
  session: CentralSession,
  batchSize = AUDIT_BATCH,
): Promise<number> {
  const state = readSyncState(db, session.schoolId);
  let after = auditStart(db, state.auditPushedThrough);
  let sent = 0;
  const c = session.client;
  for (;;) {
    const batch = readAuditBatch(db, session.schoolId, after, batchSize);
    if (!batch) return sent;
    if (batch.entries.length) {
      await c.query('BEGIN');
      try {
        await c.query(stageSql);
        await pipeline(
          Readable.from(copyChunks(batch.entries, centralAuditColumns)),
          c.query(copyFrom(copySql)),
        );
        await c.query(insertSql, [state.laptop]);
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    }
    // Only now, after the server committed: a cut before this line sends the batch again, and
    // the server keeps each entry once.
    writeSyncState(db, session.schoolId, 'audit_pushed_through', batch.through);
    sent += batch.entries.length;
    after = batch.through.rowid;
  }
}
