import type { ChangedTable } from '../../../contract';
import { BeaconError, type Db } from '../../../db';
import { rebuildAndRescore, refreshStudentFeatures } from '../keep-current';
import { centralError } from '../central/pg-errors';
import type { SecretStore } from '../secrets/secret-store';
import { currentSchool } from '../services/school';
import { adoptServerRows, settleClashes } from './adopt';
import { applyPulled } from './apply-pulled';
import { openCentralSession, type CentralSession } from './central-session';
import { pullProbableTransfers, pushTiers } from './district-sync';
import { pushSchoolSettings } from './school-settings';
import { lastSeq, readOutboxBatch, type OutboxBatch } from './outbox-reader';
import { pullChanges } from './pull';
import { pullModels } from './pull-models';
import { localToday } from '../services/date-bounds';
import { IdentityClashError } from './identity';
import { encodeBatch, pushBatch } from './push';
import { pushAudit } from './push-audit';
import { readSyncState, writeSyncState } from './sync-state';
import type { SyncedTable } from './synced-tables';

export interface SyncProgress {
  phase: 'connecting' | 'pushing' | 'pulling';
  pushed: number;
  pulled: number;
}

export interface SyncOptions {
  /**
   * Outbox entries in the first pushed batch (each batch one server transaction); later ones grow
   * while a batch takes under two seconds.
   */
  batchSize?: number;
  onProgress?: (p: SyncProgress) => void;
  signal?: AbortSignal;
  /** The date the pulled models are judged at (the backend's today; the real date otherwise). */
  today?: string;
  /** Audit entries per audit batch (sync/push-audit.ts); tests make it small. */
  auditBatchSize?: number;
}

export interface SyncSummary {
  pushed: number;
  tombstones: number;
  pulled: number;
  batches: number;
  /** Models the district published for this school, registered here as challengers. */
  models: number;
  /** Audit entries sent (each kept once on the server). */
  audit: number;
}

/** Tables many students' features read: a pull that changes one rebuilds the school's features. */
const shared = new Set<ChangedTable>([
  'schools',
  'terms',
  'school_calendar',
  'classes',
  'assessments',
]);

/** Reads the connection and its password, or says plainly what is missing. */
export async function syncCredentials(db: Db, secrets: SecretStore) {
  const school = currentSchool(db);
  if (!school)
    throw new BeaconError('NOT_FOUND', 'Set up the school on this laptop before syncing.');
  const state = readSyncState(db, school.id);
  if (!state.connection) {
    throw new BeaconError(
      'NOT_FOUND',
      'This laptop has no connection to a central server: open the connection file the district gave you first.',
    );
  }
  const password = await secrets.get('sync-password');
  if (!password) {
    throw new BeaconError(
      'UNAUTHENTICATED',
      "This laptop has lost the school's sync password; open the district's connection file again.",
    );
  }
  return { school, state, connection: state.connection, password };
}

/**
 * One sync: pushes every waiting outbox entry in batches (the checkpoint moves after each batch
 * commits on the server, so an interruption resumes where it stopped), then pulls what other
 * laptops changed and applies it, refreshing and re-scoring the students it touches, then sends
 * the audit entries written since the last sync (sync/push-audit.ts), then pulls
 * the models the district published for the school (sync/pull-models.ts). The pull is
 * applied only when no local change arrived since the push (else it pushes again), so a pulled
 * version never silently overwrites an unsent local one.
 */
export async function runSync(
  db: Db,
  secrets: SecretStore,
  options: SyncOptions = {},
): Promise<SyncSummary> {
  const { school, connection, password } = await syncCredentials(db, secrets);
  const batchSize = options.batchSize ?? 5_000;
  const progress = { phase: 'connecting' as SyncProgress['phase'], pushed: 0, pulled: 0 };
  options.onProgress?.({ ...progress });
  const summary: SyncSummary = {
    pushed: 0,
    tombstones: 0,
    pulled: 0,
    batches: 0,
    models: 0,
    audit: 0,
  };
  let session: CentralSession | null = null;
  try {
    session = await openCentralSession(connection, password, school.id);
    for (let round = 0; round < 5; round++) {
      await pushAll(db, session, batchSize, summary, progress, options);
      const state = readSyncState(db, school.id);
      progress.phase = 'pulling';
      options.onProgress?.({ ...progress });
      const pulled = await pullChanges(session, state.laptop, state.pulledThrough);
      const applied = db
        .transaction(() => {
          if (lastSeq(db, school.id) !== readSyncState(db, school.id).pushedThrough) return false;
          const changed = applyPulled(db, school.id, pulled);
          writeSyncState(db, school.id, 'pulled_through', pulled.upTo);
          writeSyncState(db, school.id, 'last_success_at', new Date().toISOString());
          writeSyncState(db, school.id, 'last_error', null);
          if ([...changed.tables.keys()].some((t) => shared.has(t)))
            rebuildAndRescore(db, school.id);
          else refreshStudentFeatures(db, school.id, changed.students);
          return true;
        })
        .immediate();
      if (applied) {
        for (const rows of pulled.rows.values()) summary.pulled += rows.length;
        progress.pulled = summary.pulled;
        options.onProgress?.({ ...progress });
        // The audit log after the pull, so the entries the pull just wrote here go along.
        summary.audit = await pushAudit(db, session, options.auditBatchSize);
        // The district's view: this school's tiers and school-wide settings up, its probable
        // transfers down.
        await pushTiers(db, session);
        await pushSchoolSettings(db, session);
        await pullProbableTransfers(db, session);
        // Last, after the records (models are judged on this laptop's up-to-date history), so a
        // refused model leaves every other step of the sync done.
        const models = await pullModels(db, session, options.today ?? localToday());
        summary.models = models.pulled.length;
        return summary;
      }
    }
    throw new BeaconError(
      'CONFLICT',
      'Changes kept arriving on this laptop during sync; try again.',
    );
  } catch (err) {
    const e = centralError(err, connection.host);
    if (process.env.BEACON_DEBUG_SYNC) console.error(err);
    writeSyncState(db, school.id, 'last_error', {
      code: e.code,
      message: e.message,
      at: new Date().toISOString(),
    });
    throw e;
  } finally {
    await session?.close();
  }
}

/** Batches grow while each takes under this, so a fast link sends few big ones and a slow one small ones. */
const BATCH_SECONDS = 2;
const MAX_BATCH = 100_000;

async function pushAll(
  db: Db,
  session: CentralSession,
  batchSize: number,
  summary: SyncSummary,
  progress: SyncProgress,
  options: SyncOptions,
): Promise<void> {
  progress.phase = 'pushing';
  const columnsOf = (t: SyncedTable) => (session.columns.get(t) ?? []).map((c) => c.name);
  // Every table's rows are tried as new rows until one batch meets rows the server has.
  const newRows = new Set<SyncedTable>(session.columns.keys());
  let size = batchSize;
  const state = readSyncState(db, session.schoolId);
  const point = {
    laptop: state.laptop,
    pushedThrough: state.pushedThrough,
    pulledThrough: state.pulledThrough,
  };
  // Parents another laptop made too (one student number) are settled before anything is sent.
  await settleClashes(db, session, point);
  let retries = 0;
  let batch = readOutboxBatch(db, session.schoolId, state.pushedThrough, size, columnsOf);
  let encoded: Map<SyncedTable, Buffer[]> | undefined;
  while (batch) {
    options.signal?.throwIfAborted();
    const sending = batch;
    let next: OutboxBatch | null | undefined;
    let nextEncoded: Map<SyncedTable, Buffer[]> | undefined;
    const started = performance.now();
    let result;
    try {
      result = await pushBatch(session, sending, state.laptop, state.pulledThrough, {
        newRows,
        encoded,
        // The next batch is read and encoded while the server merges this one. The outbox only
        // grows past this batch's end, so what it reads stays right whether or not this batch
        // commits.
        whileMerging: () => {
          next = readOutboxBatch(db, session.schoolId, sending.throughSeq, size, columnsOf);
          if (next) nextEncoded = encodeBatch(session, next);
        },
      });
    } catch (err) {
      // Another laptop pushed the same parent since the check above: settle it, then resend
      // from the checkpoint (the batch was rolled back whole).
      if (!(err instanceof IdentityClashError) || ++retries > 3) throw err;
      await adoptServerRows(db, session, err.table, err.clashes, point);
      batch = readOutboxBatch(db, session.schoolId, point.pushedThrough, size, columnsOf);
      encoded = undefined;
      continue;
    }
    // Only now, after the server committed: a crash before this line re-sends the batch, which
    // the merge ignores.
    writeSyncState(db, session.schoolId, 'pushed_through', sending.throughSeq);
    point.pushedThrough = sending.throughSeq;
    summary.pushed += result.rows;
    summary.tombstones += result.tombstones;
    summary.batches += 1;
    progress.pushed = summary.pushed;
    options.onProgress?.({ ...progress });
    // The batch after next is the first read at the new size.
    if (next !== null && performance.now() - started < BATCH_SECONDS * 1000)
      size = Math.min(size * 2, MAX_BATCH);
    encoded = next === undefined ? undefined : nextEncoded;
    next ??= readOutboxBatch(db, session.schoolId, sending.throughSeq, size, columnsOf);
    batch = next;
  }
}
