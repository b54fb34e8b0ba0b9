import type { TrainJobPayload } from '../training/train-job';

/**
 * The demo school's first model, trained while a new user waits on the first-run screen (or
 * `beacon demo` runs): a quicker configuration than a school's scheduled retraining, chosen
 * for a first run that takes seconds, and recorded with the model version like any other:
 * - one validation split (a quarter of the training students) instead of five folds;
 * - three candidates and their ensemble, without the small neural network (on the demo school
 *   it trains as long as the logistic model for a validation AUC no better than the trees');
 * - half the default forest (150 trees, the large-school setting: its AUC has levelled off
 *   well before 300).
 * Retraining (Models > Retrain now, `beacon train`, the schedule) uses the full set.
 */
export const demoTrainOptions: NonNullable<TrainJobPayload['trainOptions']> = {
  candidates: ['logistic', 'forest', 'boosting', 'ensemble'],
  validation: { method: 'split', fraction: 0.25 },
  forest: { trees: 150 },
};
