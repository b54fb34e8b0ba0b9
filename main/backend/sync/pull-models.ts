import {
  featureSchemaHash,
  loadScorer,
  rocAuc,
  selectRows,
  sha256Hex,
  type ColumnSpec,
  type Scorer,
} from '../../../models';
import { BeaconError, type Db, writeTransaction } from '../../../db';
import { readRiskSettings } from '../scoring/risk-settings';
import { scoreSchool } from '../scoring/score';
import { loadArtifact } from '../scoring/model-artifact';
import { champion, registerModelVersion, type ModelVersion } from '../services/model-registry';
import { modelInputs, protectedInputs } from '../features/model-inputs';
import { chooseHeldOut } from '../training/run-training';
import { buildTrainingSet } from '../training/training-set';
import type { CentralSession } from './central-session';

export interface PulledModels {
  /** Versions registered on this laptop, each a challenger unless it beat the champion. */
  pulled: ModelVersion[];
  /** District models left on the server, with the reason (they are looked at again next time). */
  skipped: { id: string; reason: string }[];
}

interface Published {
  id: string;
  kind: string;
  feature_schema_hash: string;
  artifact_sha256: string;
  metrics: Record<string, unknown>;
  training_from: string | null;
  training_to: string | null;
  trained_at: string;
  trained_by: string;
}

/** The inputs this laptop's models take (as the training set builds them), for comparing hashes. */
function localSchemaHash(includeProtected: boolean): string {
  const specs: ColumnSpec[] = [
    ...modelInputs.map((i) => ({ name: i.name, kind: i.kind })),
    ...(includeProtected
      ? protectedInputs.map((p) => ({ name: p.name, kind: 'categorical' as const }))
      : []),
  ];
  return featureSchemaHash(specs);
}

/** District model ids this laptop already has (kept, challenger or retired): never pulled twice. */
function alreadyPulled(db: Db, schoolId: string): Set<string> {
  const rows = db
    .prepare(
      `SELECT json_extract(metrics, '$.district.id') AS id FROM model_versions
        WHERE school_id = ? AND source = 'district'`,
    )
    .pluck()
    .all(schoolId) as (string | null)[];
  return new Set(rows.filter((id): id is string => typeof id === 'string'));
}

/**
 * The ROC-AUC of each pulled scorer and of the champion on this laptop's held-out students, the
 * same rows local training judges on (chosen by a hash of the student's id, so the district, which
 * builds the same set from the same records, did not train on them either). Null when this
 * laptop's history cannot judge a model (too few outcomes).
 */
function judge(
  db: Db,
  schoolId: string,
  today: string,
  scorers: Scorer[],
  live: ModelVersion | null,
  localHash: string,
): { candidates: number[]; champion: number | null } | null {
  const settings = readRiskSettings(db, schoolId);
  const set = buildTrainingSet(db, schoolId, {
    today,
    horizonMonths: settings.horizonMonths,
    includeProtected: settings.protectedInputs,
  });
  const heldOut = chooseHeldOut(set.studentIds, set.dataset.labels, 0.2);
  const rows: number[] = [];
  set.studentIds.forEach((id, i) => heldOut.has(id) && rows.push(i));
  const test = selectRows(set.dataset, rows);
  let positives = 0;
  for (const y of test.labels) positives += y;
  if (positives < 2 || test.rows - positives < 2) return null;
  const candidates = scorers.map((s) => rocAuc(test.labels, s.scoreDataset(test)));
  const championAuc =
    live && live.featureSchemaHash === localHash
      ? rocAuc(
          test.labels,
          loadScorer(loadArtifact(db, live.id), live.artifactSha256).scoreDataset(test),
        )
      : null;
  return { candidates, champion: championAuc };
}

/**
 * Pulls the models the district published for this school and offers each as a challenger under
 * the registry's usual rule: judged with the champion on the same held-out students, it becomes
 * the champion only if at least as good (within the school's tolerance). Every artifact's sha256
 * is checked first: one damaged artifact refuses the whole pull, changing nothing. A model whose
 * inputs differ from this laptop's (another Beacon version, protected inputs set otherwise) is
 * left on the server. Registered in one transaction, audited as any new version.
 */
export async function pullModels(
  db: Db,
  session: CentralSession,
  today: string,
): Promise<PulledModels> {
  const schoolId = session.schoolId;
  const settings = readRiskSettings(db, schoolId);
  const localHash = localSchemaHash(settings.protectedInputs);
  const have = alreadyPulled(db, schoolId);
  const listed = await session.client.query<Published>(
    `SELECT id, kind, feature_schema_hash, artifact_sha256, metrics, training_from, training_to,
            trained_at::text AS trained_at, trained_by
       FROM district_models WHERE school_id = $1 ORDER BY trained_at, id`,
    [schoolId],
  );
  const skipped: PulledModels['skipped'] = [];
  const wanted = listed.rows.filter((m) => {
    if (have.has(m.id)) return false;
    if (m.feature_schema_hash !== localHash) {
      skipped.push({
        id: m.id,
        reason:
          "it takes other inputs than this laptop's models (another Beacon version, or protected inputs set otherwise)",
      });
      return false;
    }
    return true;
  });
  if (wanted.length === 0) return { pulled: [], skipped };

  const bytes = await session.client.query<{ id: string; artifact: Buffer }>(
    'SELECT id, artifact FROM district_models WHERE school_id = $1 AND id = ANY($2)',
    [schoolId, wanted.map((m) => m.id)],
  );
  const artifacts = new Map(bytes.rows.map((r) => [r.id, new Uint8Array(r.artifact)]));
  // Every artifact is checked before anything is written: a damaged one changes nothing.
  const scorers = wanted.map((m) => {
    const artifact = artifacts.get(m.id) ?? new Uint8Array();
    const actual = sha256Hex(artifact);
    if (actual !== m.artifact_sha256) {
      throw new BeaconError(
        'MODEL_REFUSED',
        `The model ${m.id} the district published for this school is damaged: its file's sha256 is ${actual}, not the ${m.artifact_sha256} it was published with. Nothing was changed; ask the district to train the school again.`,
      );
    }
    try {
      return loadScorer(artifact, m.artifact_sha256);
    } catch (err) {
      throw new BeaconError(
        'MODEL_REFUSED',
        `The model ${m.id} the district published for this school cannot be read by this Beacon (${(err as Error).message}). Nothing was changed.`,
      );
    }
  });

  const live = champion(db, schoolId);
  const judged = judge(db, schoolId, today, scorers, live, localHash);
  const pulled = writeTransaction(db, () => {
    const out: ModelVersion[] = [];
    wanted.forEach((m, i) => {
      const heldOutAuc =
        judged?.candidates[i] ??
        (typeof m.metrics.heldOutAuc === 'number' ? m.metrics.heldOutAuc : 0);
      out.push(
        registerModelVersion(db, {
          schoolId,
          kind: m.kind,
          trigger: 'district',
          source: 'district',
          trainingFrom: m.training_from,
          trainingTo: m.training_to,
          featureSchemaHash: m.feature_schema_hash,
          artifact: artifacts.get(m.id) as Uint8Array,
          artifactSha256: m.artifact_sha256,
          heldOutAuc,
          // Without a judgement on this laptop's rows the registry keeps it a challenger.
          championHeldOutAuc: judged?.champion ?? null,
          tolerance: settings.promotionTolerance,
          keep: settings.keepVersions,
          metrics: {
            ...m.metrics,
            district: {
              id: m.id,
              trainedAt: m.trained_at,
              trainedBy: m.trained_by,
              heldOutAuc: m.metrics.heldOutAuc ?? null,
            },
            laptopHeldOutAuc: judged?.candidates[i] ?? null,
            championHeldOutAuc: judged?.champion ?? null,
          },
        }),
      );
    });
    // A pulled model that won: every student is scored by it now, in the same transaction.
    if (out.some((v) => v.id === champion(db, schoolId)?.id)) scoreSchool(db, schoolId);
    return out;
  });
  return { pulled, skipped };
}
