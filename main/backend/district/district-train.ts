import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { BeaconError, newId, openDatabase, writeTransaction } from '../../../db';
import { rebuildFeatures } from '../features';
import type { JobTools } from '../jobs/runner';
import { readRiskSettings } from '../scoring/risk-settings';
import { applyPulled } from '../sync/apply-pulled';
import { travellingColumns, type CentralSession } from '../sync/central-session';
import { pullChanges } from '../sync/pull';
import { applySchoolSettings } from '../sync/school-settings';
import type { TrainingInput } from '../training/run-training';
import { trainInWorker } from '../training/train-job';
import { centralApplied, checkCentralSchema } from '../central/central-schema';
import { clientConfig, type CentralTarget } from '../central/central-url';
import { centralError } from '../central/pg-errors';

/** What one district training job asks for: a school by its code, and the date taken as today. */
export interface DistrictTrainPayload {
  code: string;
  today: string;
  /** Narrower candidate sets (tests, a quick first pass); the full set when absent. */
  trainOptions?: TrainingInput['trainOptions'];
}

export interface PublishedModel {
  code: string;
  schoolId: string;
  modelId: string;
  kind: string;
  sha256: string;
  heldOutAuc: number;
  trainedBy: string;
}

/**
 * The lock one school's district training holds for its whole run, on its own connection:
 * two admins, or two machines working the same queue, never train one school at once. A session
 * lock, so it goes when the connection does (a worker that dies frees it). Its own key space
 * (two keys), apart from sync's push/pull lock, which training's read of the school also takes.
 */
const trainLockSql = (fn: 'pg_try_advisory_lock' | 'pg_advisory_unlock') =>
  `SELECT ${fn}(hashtext('beacon-district-train'), hashtext($1::text)) AS ok`;

/** Who trained a model, as the published row records it: this machine and process. */
export const workerName = (): string => `${hostname()}:${process.pid}`;

/**
 * Trains one school's model from the central tables and publishes it for the school's laptops.
 * The school is rebuilt in a scratch SQLite file through the laptop's own pull and apply code (the
 * same rows, the same columns, the same local schema), so the training set is built by exactly
 * the code a laptop runs, and the training runs in the usual worker thread; the resulting version
 * (artifact, sha256, metrics, kind) goes to `district_models`, readable by that school only.
 */
export async function trainSchoolForDistrict(
  target: CentralTarget,
  payload: DistrictTrainPayload,
  tools: JobTools,
): Promise<PublishedModel> {
  const lock = new pg.Client(clientConfig(target));
  lock.on('error', () => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'beacon-district-train-'));
  try {
    await lock.connect();
    checkCentralSchema(await centralApplied(lock), target.host);
    const account = await lock.query<{ school_id: string | null; revoked: boolean }>(
      'SELECT school_id, revoked_at IS NOT NULL AS revoked FROM school_accounts WHERE code = $1',
      [payload.code],
    );
    const row = account.rows[0];
    if (!row) throw new BeaconError('NOT_FOUND', `School ${payload.code} has no account here.`);
    if (!row.school_id) {
      throw new BeaconError(
        'NOT_FOUND',
        `School ${payload.code} has not synced yet: there is nothing to train on.`,
      );
    }
    const schoolId = row.school_id;
    const got = await lock.query<{ ok: boolean }>(trainLockSql('pg_try_advisory_lock'), [schoolId]);
    if (!got.rows[0]?.ok) {
      throw new BeaconError(
        'CONFLICT',
        `School ${payload.code} is being trained by another admin or machine right now; nothing was done.`,
      );
    }
    try {
      tools.progress({ stage: 'reading', message: `Reading ${payload.code}'s records` });
      const dbPath = join(dir, 'school.sqlite');
      const opened = await openDatabase(dbPath);
      const db = opened.db;
      let settings: ReturnType<typeof readRiskSettings>;
      try {
        const session: CentralSession = {
          client: lock,
          host: target.host,
          schoolId,
          columns: await travellingColumns(lock),
          close: () => Promise.resolve(),
        };
        // Everything of the school up to now, in one snapshot ('district' is no laptop's origin).
        const pulled = await pullChanges(session, 'district', 0);
        // The school's own settings (its laptops send them): horizon, tiers, protected inputs,
        // the expected-age offset its features use. Defaults for any never changed.
        const own = await lock.query<{ key: string; value: unknown }>(
          'SELECT key, value FROM school_settings WHERE school_id = $1',
          [schoolId],
        );
        writeTransaction(db, () => {
          applyPulled(db, schoolId, pulled);
          applySchoolSettings(db, schoolId, payload.code, own.rows);
          rebuildFeatures(db, schoolId);
        });
        db.pragma('wal_checkpoint(TRUNCATE)');
        settings = readRiskSettings(db, schoolId);
      } finally {
        db.close();
      }
      tools.signal.throwIfAborted();
      const outcome = await trainInWorker(
        dbPath,
        {
          schoolId,
          today: payload.today,
          horizonMonths: settings.horizonMonths,
          shares: settings.shares,
          floors: settings.floors,
          seed: 42,
          includeProtected: settings.protectedInputs,
          ...(payload.trainOptions ? { trainOptions: payload.trainOptions } : {}),
          champion: null,
        },
        tools,
      );
      tools.progress({ stage: 'publishing', message: `Publishing ${payload.code}'s model` });
      const { train, evaluation } = outcome;
      const modelId = newId();
      const trainedBy = workerName();
      await lock.query(
        `INSERT INTO district_models (school_id, id, kind, feature_schema_hash, artifact,
           artifact_sha256, metrics, training_from, training_to, trained_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          schoolId,
          modelId,
          train.kind,
          train.featureSchemaHash,
          Buffer.from(train.artifact),
          train.sha256,
          JSON.stringify({
            heldOut: evaluation,
            temporal: outcome.temporal,
            choice: train.reason,
            candidates: train.candidates,
            validation: {
              rocAuc: train.validation.rocAuc,
              prAuc: train.validation.prAuc,
              brier: train.validation.brier,
            },
            examples: outcome.examples,
            heldOutAuc: evaluation.rocAuc,
          }),
          outcome.window.from,
          outcome.window.to,
          trainedBy,
        ],
      );
      return {
        code: payload.code,
        schoolId,
        modelId,
        kind: train.kind,
        sha256: train.sha256,
        heldOutAuc: evaluation.rocAuc,
        trainedBy,
      };
    } finally {
      await lock.query(trainLockSql('pg_advisory_unlock'), [schoolId]).catch(() => undefined);
    }
  } catch (err) {
    // The server's errors in plain words; training's own (too little history) as they are.
    const fromServer = typeof (err as { code?: unknown }).code === 'string';
    throw err instanceof BeaconError || !fromServer ? err : centralError(err, target.host);
  } finally {
    await lock.end().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
