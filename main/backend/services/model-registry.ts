import { BeaconError, insertSql, newId, prepared, type Db, writeTransaction } from '../../../db';
import { sha256Hex } from '../../../models';
import { recordChange } from './changes';

export type ModelStatus = 'champion' | 'challenger' | 'retired';

export interface ModelVersion {
  id: string;
  schoolId: string;
  kind: string;
  status: ModelStatus;
  statusReason: string | null;
  source: 'local' | 'district';
  trigger: string;
  trainingFrom: string | null;
  trainingTo: string | null;
  featureSchemaHash: string;
  metrics: Record<string, unknown>;
  artifactSha256: string;
  createdAt: string;
}

interface Row {
  id: string;
  school_id: string;
  kind: string;
  status: ModelStatus;
  status_reason: string | null;
  source: 'local' | 'district';
  trigger: string;
  training_from: string | null;
  training_to: string | null;
  feature_schema_hash: string;
  metrics: string;
  artifact_sha256: string;
  created_at: string;
  version: number;
}

const columns = `id, school_id, kind, status, status_reason, source, trigger, training_from,
  training_to, feature_schema_hash, metrics, artifact_sha256, created_at, version`;

const toVersion = (r: Row): ModelVersion => ({
  id: r.id,
  schoolId: r.school_id,
  kind: r.kind,
  status: r.status,
  statusReason: r.status_reason,
  source: r.source,
  trigger: r.trigger,
  trainingFrom: r.training_from,
  trainingTo: r.training_to,
  featureSchemaHash: r.feature_schema_hash,
  metrics: JSON.parse(r.metrics) as Record<string, unknown>,
  artifactSha256: r.artifact_sha256,
  createdAt: r.created_at,
});

export interface NewModelVersion {
  schoolId: string;
  kind: string;
  trigger: string;
  source?: 'local' | 'district';
  trainingFrom?: string | null;
  trainingTo?: string | null;
  featureSchemaHash: string;
  metrics: Record<string, unknown>;
  artifact: Uint8Array;
  /** The artifact's sha256 when the caller computed it already (a training worker did). */
  artifactSha256?: string;
  /** The candidate's ROC-AUC on the held-out rows. */
  heldOutAuc: number;
  /** The current champion's ROC-AUC on the same held-out rows, when there is a champion. */
  championHeldOutAuc?: number | null;
  /**
   * Set when the champion could not be scored on the same rows because it uses other inputs
   * (Beacon's features changed): the candidate then replaces it, for this reason.
   */
  championIncomparable?: string | null;
  /**
   * The temporal judgement (trained on earlier school years, judged on the last one): the
   * candidate's ROC-AUC and the champion's kind trained and judged the same way. When both
   * are known, promotion uses them instead of the held-out comparison.
   */
  temporal?: { auc: number; championAuc: number | null } | null;
  /** How much worse than the champion a candidate may be and still win (default 0). */
  tolerance?: number;
  userId?: string | null;
  /** How many versions to keep besides the champion (default 5). */
  keep?: number;
  now?: Date;
}

/** The current champion of a school, if any. */
export function champion(db: Db, schoolId: string): ModelVersion | null {
  const row = prepared(
    db,
    `SELECT ${columns} FROM model_versions
     WHERE school_id = ? AND status = 'champion' AND deleted_at IS NULL`,
  ).get(schoolId) as Row | undefined;
  return row ? toVersion(row) : null;
}

export function getModelVersion(db: Db, id: string): ModelVersion | null {
  const row = db
    .prepare(`SELECT ${columns} FROM model_versions WHERE id = ? AND deleted_at IS NULL`)
    .get(id) as Row | undefined;
  return row ? toVersion(row) : null;
}

/** Kept versions, newest first. */
export function listModelVersions(db: Db, schoolId: string): ModelVersion[] {
  return (
    db
      .prepare(
        `SELECT ${columns} FROM model_versions WHERE school_id = ? AND deleted_at IS NULL
         ORDER BY created_at DESC, id DESC`,
      )
      .all(schoolId) as Row[]
  ).map(toVersion);
}

export interface LiveSpan {
  modelVersionId: string;
  liveFrom: string;
  liveTo: string | null;
  reason: string;
}

/** Which version was live from when to when, and why, newest first. */
export function liveHistory(db: Db, schoolId: string): LiveSpan[] {
  return db
    .prepare(
      `SELECT model_version_id AS modelVersionId, live_from AS liveFrom, live_to AS liveTo, reason
         FROM model_live_history WHERE school_id = ? ORDER BY live_from DESC, rowid DESC`,
    )
    .all(schoolId) as LiveSpan[];
}

function setStatus(
  db: Db,
  version: ModelVersion,
  status: ModelStatus,
  reason: string,
  userId: string | null,
): void {
  const before = rowWithoutArtifact(db, version.id);
  db.prepare(
    `UPDATE model_versions SET status = ?, status_reason = ?,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
  ).run(status, reason, version.id);
  const after = db
    .prepare(`SELECT ${columns} FROM model_versions WHERE id = ?`)
    .get(version.id) as object;
  recordChange(db, {
    schoolId: version.schoolId,
    table: 'model_versions',
    rowId: version.id,
    userId,
    before,
    after,
  });
}

/** Per connection: every column of model_versions but the artifact, in the table's order. */
const allButArtifact = new WeakMap<Db, string>();

/**
 * A version's row as `SELECT *` gives it, less the artifact, which is not read at all: a
 * champion's artifact is about a megabyte, and the audit never records it.
 */
function rowWithoutArtifact(db: Db, id: string): object {
  let list = allButArtifact.get(db);
  if (list === undefined) {
    const names = db
      .prepare(
        "SELECT name FROM pragma_table_info('model_versions') WHERE name <> 'artifact' ORDER BY cid",
      )
      .pluck()
      .all() as string[];
    list = names.map((n) => `"${n}"`).join(', ');
    allButArtifact.set(db, list);
  }
  return prepared(db, `SELECT ${list} FROM model_versions WHERE id = ?`).get(id) as object;
}

/** Makes `version` the champion, closing the previous champion's live span. */
function crown(
  db: Db,
  version: ModelVersion,
  reason: string,
  userId: string | null,
  now: Date,
): void {
  const previous = champion(db, version.schoolId);
  const at = now.toISOString();
  if (previous && previous.id !== version.id) {
    setStatus(db, previous, 'challenger', `replaced by ${version.id}: ${reason}`, userId);
  }
  db.prepare(
    `UPDATE model_live_history SET live_to = ? WHERE school_id = ? AND live_to IS NULL`,
  ).run(at, version.schoolId);
  setStatus(db, version, 'champion', reason, userId);
  db.prepare(
    `INSERT INTO model_live_history (id, school_id, model_version_id, live_from, reason)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(newId(), version.schoolId, version.id, at, reason);
}

/** A new version: a challenger until compared with the champion. */
const insertVersionSql = insertSql(
  'model_versions',
  [
    'id',
    'school_id',
    'kind',
    'status',
    'source',
    'trigger',
    'training_from',
    'training_to',
    'feature_schema_hash',
    'metrics',
    'artifact_sha256',
    'artifact',
    'created_at',
  ],
  ['status_reason', 'updated_at', 'version', 'deleted_at'],
  ['?', '?', '?', "'challenger'", '?', '?', '?', '?', '?', '?', '?', '?', '?'],
);

/**
 * Stores a trained model as a new version. It becomes the champion only if its held-out AUC is
 * not worse than the champion's on the same rows (within the tolerance); otherwise it stays a
 * challenger with the reason recorded. Old versions beyond `keep` are retired and their
 * artifacts dropped, but the champion is always kept.
 */
export function registerModelVersion(db: Db, input: NewModelVersion): ModelVersion {
  const now = input.now ?? new Date();
  const userId = input.userId ?? null;
  return writeTransaction(db, () => {
    const id = newId();
    const checksum = input.artifactSha256 ?? sha256Hex(input.artifact);
    // The row goes in without its artifact, which is written once, last: SQLite rewrites a
    // whole row on every update, and the version stamps and the status changes below would
    // each have copied the megabyte again (the backend's thread stalled on it after training).
    db.prepare(insertVersionSql).run(
      id,
      input.schoolId,
      input.kind,
      input.source ?? 'local',
      input.trigger,
      input.trainingFrom ?? null,
      input.trainingTo ?? null,
      input.featureSchemaHash,
      JSON.stringify({ ...input.metrics, heldOutAuc: input.heldOutAuc }),
      checksum,
      null,
      now.toISOString(),
    );
    const created = getModelVersion(db, id) as ModelVersion;
    recordChange(db, {
      schoolId: input.schoolId,
      table: 'model_versions',
      rowId: id,
      userId,
      before: null,
      after: db.prepare(`SELECT ${columns} FROM model_versions WHERE id = ?`).get(id) as object,
    });
    const current = champion(db, input.schoolId);
    const tolerance = input.tolerance ?? 0;
    const fmt = (x: number) => x.toFixed(4);
    if (!current) {
      crown(db, created, 'first model for this school', userId, now);
    } else if (input.championIncomparable) {
      crown(db, created, input.championIncomparable, userId, now);
    } else if (
      input.temporal &&
      input.temporal.championAuc !== null &&
      input.temporal.auc >= input.temporal.championAuc - tolerance
    ) {
      crown(
        db,
        created,
        `temporal AUC ${fmt(input.temporal.auc)} vs the champion's kind ${fmt(input.temporal.championAuc)} on the last school year (tolerance ${tolerance})`,
        userId,
        now,
      );
    } else if (input.temporal && input.temporal.championAuc !== null) {
      setStatus(
        db,
        created,
        'challenger',
        `temporal AUC ${fmt(input.temporal.auc)} is below the champion's kind ${fmt(input.temporal.championAuc)} on the last school year (tolerance ${tolerance})`,
        userId,
      );
    } else if (input.championHeldOutAuc === undefined || input.championHeldOutAuc === null) {
      setStatus(
        db,
        created,
        'challenger',
        'the champion was not evaluated on the same held-out rows',
        userId,
      );
    } else if (input.heldOutAuc >= input.championHeldOutAuc - tolerance) {
      crown(
        db,
        created,
        `held-out AUC ${fmt(input.heldOutAuc)} vs champion ${fmt(input.championHeldOutAuc)} (tolerance ${tolerance})`,
        userId,
        now,
      );
    } else {
      setStatus(
        db,
        created,
        'challenger',
        `held-out AUC ${fmt(input.heldOutAuc)} is below the champion's ${fmt(input.championHeldOutAuc)} (tolerance ${tolerance})`,
        userId,
      );
    }
    pruneModelVersions(db, input.schoolId, input.keep ?? 5, userId);
    const { artifact } = input;
    prepared(db, 'UPDATE model_versions SET artifact = ? WHERE id = ?').run(
      Buffer.from(artifact.buffer, artifact.byteOffset, artifact.byteLength),
      id,
    );
    return getModelVersion(db, id) as ModelVersion;
  });
}

/** Retires versions beyond the newest `keep` (the champion is never retired) and drops their artifacts. */
export function pruneModelVersions(
  db: Db,
  schoolId: string,
  keep: number,
  userId: string | null = null,
): number {
  const toRetire = listModelVersions(db, schoolId)
    .filter((v) => v.status !== 'retired')
    .filter((v, newest) => newest >= keep && v.status !== 'champion');
  for (const v of toRetire) {
    setStatus(db, v, 'retired', `older than the last ${keep} versions`, userId);
    db.prepare('UPDATE model_versions SET artifact = NULL WHERE id = ?').run(v.id);
  }
  return toRetire.length;
}

/**
 * Rolls back (or forward) to a kept version in one step: it becomes the champion and the live
 * history records when and why.
 */
export function promoteModelVersion(
  db: Db,
  id: string,
  reason: string,
  userId: string | null = null,
  now = new Date(),
): ModelVersion {
  return writeTransaction(db, () => {
    const version = getModelVersion(db, id);
    if (!version) throw new BeaconError('NOT_FOUND', `There is no model version ${id}.`);
    if (version.status === 'retired') {
      throw new BeaconError(
        'CONFLICT',
        `Model version ${id} was retired and its artifact removed; only kept versions can be made live.`,
      );
    }
    if (version.status === 'champion') return version;
    crown(db, version, reason, userId, now);
    return getModelVersion(db, id) as ModelVersion;
  });
}
