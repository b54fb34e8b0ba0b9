import type { Db } from '../../../db';
import { BeaconError } from '../../../db/errors';
import { sha256Hex } from '../../../models';

/** A version's artifact, refused if its bytes no longer match the recorded sha256. */
export function loadArtifact(db: Db, id: string): Uint8Array {
  const row = db
    .prepare('SELECT artifact, artifact_sha256 FROM model_versions WHERE id = ?')
    .get(id) as { artifact: Buffer | null; artifact_sha256: string } | undefined;
  if (!row) throw new BeaconError('NOT_FOUND', `There is no model version ${id}.`);
  if (!row.artifact) {
    throw new BeaconError('NOT_FOUND', `Model version ${id} has no artifact (it was retired).`);
  }
  if (sha256Hex(row.artifact) !== row.artifact_sha256) {
    throw new BeaconError(
      'INTERNAL',
      `The stored model ${id} is damaged (its checksum does not match); roll back to another version.`,
    );
  }
  return new Uint8Array(row.artifact);
}
