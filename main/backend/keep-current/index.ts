import type { DataEntity } from '../../../contract';
import { noteChanged, writeTransaction, type Db } from '../../../db';
import {
  rebuildFeatures,
  refreshStudents,
  studentsAffectedBy,
  type SharedChange,
} from '../features';
import { scoreComputed, scoreSchool } from '../scoring/score';

/**
 * Keeps features and scores current after writes: the one place that calls both the feature
 * store (features/) and scoring (scoring/), so neither imports the other. Every write that
 * changes a student's attendance, marks, incidents, enrolments, status, date of birth, grade or
 * entry date calls refreshStudentFeatures in its own transaction, so student_features is never
 * stale; writes to shared rows (calendar, assessments, terms, classes, school settings) call
 * refreshFeaturesAfter. Rules: docs/features.md.
 */

/** Databases inside withFeaturesDeferred: their refreshes wait for one rebuild at the end. */
const deferred = new WeakMap<Db, { schoolId: string }>();

/**
 * Recomputes the named students' features from their raw rows, in the caller's transaction,
 * then re-scores them with the school's live model, so the risk list is never stale either.
 */
export function refreshStudentFeatures(
  db: Db,
  schoolId: string,
  studentIds: Iterable<string>,
): void {
  if (deferred.has(db)) return;
  const ids = [...studentIds];
  if (ids.length > 0) noteChanged(db, 'student_features');
  // Scored from the features just computed: reading them back would cost a query per save.
  scoreComputed(db, schoolId, refreshStudents(db, schoolId, ids));
}

/**
 * Runs a bulk load (the demo school) through the ordinary services with their per-write feature
 * refreshes held back, then rebuilds every feature once and re-scores the school: the same
 * numbers, without re-reading each student's history after every save.
 */
export function withFeaturesDeferred<T>(db: Db, schoolId: string, load: () => T): T {
  const result = holdFeatureRefreshes(db, schoolId, load);
  rebuildAndRescore(db, schoolId);
  return result;
}

/**
 * Runs `write` (synchronous, so no other request can be served meanwhile) with per-write feature
 * refreshes held back, and nothing else: the caller owes a `rebuildAndRescore` once its bulk load
 * ends. A load that gives the event loop a turn between batches holds refreshes around each batch
 * only, so requests served in between refresh features as usual. Nests inside another hold.
 */
export function holdFeatureRefreshes<T>(db: Db, schoolId: string, write: () => T): T {
  if (deferred.has(db)) return write();
  deferred.set(db, { schoolId });
  try {
    return write();
  } finally {
    deferred.delete(db);
  }
}

/** Rebuilds every student's features and re-scores the school, in one transaction. */
export function rebuildAndRescore(db: Db, schoolId: string): void {
  writeTransaction(db, () => {
    noteChanged(db, 'student_features');
    rebuildFeatures(db, schoolId);
    scoreSchool(db, schoolId);
  });
}

/**
 * After a write to a row many students' features read (a calendar day, an assessment, a term, a
 * class, a school setting): refreshes exactly those students, in the caller's transaction.
 */
export function refreshFeaturesAfter(db: Db, schoolId: string, change: SharedChange): void {
  if (deferred.has(db)) return;
  refreshStudentFeatures(db, schoolId, studentsAffectedBy(db, schoolId, change));
}

/**
 * A `dataChanged` event's names (a request's, sent by the dispatcher, or a job's): what the
 * change log noted meanwhile (`changedSince`, `watchChanged`), plus what follows from it without
 * a table of its own: re-scored risk after a feature refresh or a model version, the models after
 * a model version, the sync state (its open conflicts) after a conflict changed.
 */
export function keptCurrent(noted: readonly DataEntity[]): DataEntity[] {
  const out = new Set(noted);
  if (out.has('student_features') || out.has('model_versions')) out.add('risk');
  if (out.has('model_versions')) out.add('models');
  if (out.has('sync_conflicts')) out.add('sync');
  return [...out];
}
