/**
 * Beacon's risk model core: plain TypeScript over typed arrays, no database and no Electron.
 * Train with `trainModel` (the backend runs it in its training worker), store `artifact` + `sha256`, score with
 * `loadScorer`, explain with `explainScore` and `formatFactor`, judge with `evaluate`.
 */
export type { Column, Dataset, RawRow } from './dataset';
export { createDataset, datasetFromRecords, rowAt, selectRows } from './dataset';
export { datasetFromCsv } from './csv-dataset';
export type { ColumnSpec } from './feature-schema';
export { featureSchema, featureSchemaHash } from './feature-schema';
export type { Preprocessor } from './preprocess';
export { fitPreprocessor, encodeDataset, referenceRow } from './preprocess';
export { ModelError, isCancelled } from './errors';
export type { ModelErrorCode } from './errors';
export type { TrainOptions, TrainOptionsInput, ValidationPlan } from './train-options';
export { resolveTrainOptions } from './train-options';
export type { CandidateReport, TrainProgress, TrainResult } from './train';
export { trainModel } from './train';
export type { Scorer } from './scorer';
export { compileScorer, loadScorer } from './scorer';
export { decodeArtifact, parseArtifact } from './artifact';
export { sha256Hex } from './artifact';
export type { CandidateKind, ModelHeader } from './model-spec';
export type { EvaluationReport, EvaluateOptions } from './evaluate';
export { evaluate } from './evaluate';
export {
  averagePrecision,
  brierScore,
  calibrationTable,
  precisionRecallAt,
  rocAuc,
} from './metrics';
export type { Tier, TierBand, TierCutoffs, TierFloors, TierShares } from './tiers';
export {
  defaultTierFloors,
  defaultTierShares,
  deriveTierCutoffs,
  tierMetrics,
  tierOf,
} from './tiers';
export type { FairnessReport, GroupRates, RateGap } from './fairness';
export { bandOf, fairnessByGroup } from './fairness';
export type { ExplainMethod, ExplainOptions, Explainer, Factor } from './explain';
export { explainerFor, explainScore, substitutionWeights } from './explain';
export type { FeatureMeta } from './format-factor';
export { formatFactor, formatValue } from './format-factor';
export { crossValidate } from './cross-validate';
export type { FoldResult } from './cross-validate';
