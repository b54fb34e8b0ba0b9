import { compileScorer, loadScorer, parseArtifact, type Scorer } from '../../../models';
import type { Db } from '../../../db';
import { prepared } from '../../../db/prepared';
import { loadArtifact } from './model-artifact';

/** Compiled scorers per database and model version: compiling is paid once, not per request. */
const cache = new WeakMap<Db, Map<string, Scorer>>();

function perDb(db: Db): Map<string, Scorer> {
  let map = cache.get(db);
  if (!map) cache.set(db, (map = new Map()));
  return map;
}

/** The compiled scorer of a model version, checksum-verified when first loaded. */
export function scorerFor(db: Db, versionId: string, sha256: string): Scorer {
  const scorers = perDb(db);
  let scorer = scorers.get(versionId);
  if (!scorer) {
    scorer = loadScorer(loadArtifact(db, versionId), sha256);
    scorers.set(versionId, scorer);
  }
  return scorer;
}

/**
 * Keeps a scorer compiled from artifact bytes the caller already holds: a training worker's
 * result, whose sha256 the worker computed from the same memory and the registry stored. The
 * backend's thread neither reads the artifact back nor hashes it again, and decoding and
 * compiling take a turn of the event loop each.
 */
export async function primeScorer(db: Db, versionId: string, artifact: Uint8Array): Promise<void> {
  const contents = parseArtifact(artifact);
  await new Promise((resolve) => setImmediate(resolve));
  perDb(db).set(versionId, compileScorer(contents));
}

/** The school's champion and its scorer, or null when no model has been trained yet. */
export function championScorer(
  db: Db,
  schoolId: string,
): { versionId: string; scorer: Scorer } | null {
  // Only the id and checksum: the full version row parses its metrics JSON, which every write
  // would pay for.
  const live = prepared(
    db,
    `SELECT id, artifact_sha256 AS sha256 FROM model_versions
     WHERE school_id = ? AND status = 'champion' AND deleted_at IS NULL`,
  ).get(schoolId) as { id: string; sha256: string } | undefined;
  return live ? { versionId: live.id, scorer: scorerFor(db, live.id, live.sha256) } : null;
}
