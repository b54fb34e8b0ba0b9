import type { TrainJobPayload } from '../training/train-job';

/**
 * The demo school's first model, trained while a new user waits on the first-run screen (or
 * `beacon demo` runs): a quicker configuration than a school's scheduled retraining, chosen
 * for a first run that takes seconds, and recorded with the model version like any other:
 * - one validation split (a quarter of the training students) instead of five folds;
 * - the tree candidates and their ensemble only: the two neural ones (logistic regression and
 *   the small network, trained with tfjs) took three quarters of the candidates' time on the
 *   300-student demo, and on the demo school the trees win (docs/model.md);
 * - half the default forest (150 trees, the large-school setting: its AUC has levelled off
 *   well before 300).
 * Retraining (Models > Retrain now, `beacon train`, the schedule) uses the full set.
 */
export const demoTrainOptions: NonNullable<TrainJobPayload['trainOptions']> = {
  candidates: ['forest', 'boosting', 'ensemble'],
  validation: { method: 'split', fraction: 0.25 },
  forest: { trees: 150 },
};
