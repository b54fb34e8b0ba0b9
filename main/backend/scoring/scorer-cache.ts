import { loadScorer, type Scorer } from '../../../models';
import type { Db } from '../../../db';
import { champion, loadArtifact } from '../services/model-registry';

/** Compiled scorers per database and model version: compiling is paid once, not per request. */
const cache = new WeakMap<Db, Map<string, Scorer>>();

/** The compiled scorer of a model version, checksum-verified when first loaded. */
export function scorerFor(db: Db, versionId: string, sha256: string): Scorer {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  let scorer = perDb.get(versionId);
  if (!scorer) {
    scorer = loadScorer(loadArtifact(db, versionId), sha256);
    perDb.set(versionId, scorer);
  }
  return scorer;
}

/** The school's champion and its scorer, or null when no model has been trained yet. */
export function championScorer(
  db: Db,
  schoolId: string,
): { versionId: string; scorer: Scorer } | null {
  const live = champion(db, schoolId);
  return live ? { versionId: live.id, scorer: scorerFor(db, live.id, live.artifactSha256) } : null;
}
