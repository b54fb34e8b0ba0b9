import { largeSchoolOptions } from '../training/run-training';
import type { TrainJobPayload } from '../training/train-job';

/**
 * The demo school's first model, trained while a new user waits on the first-run screen (or
 * `beacon demo` runs): a quicker configuration than a school's scheduled retraining, chosen
 * for a first run that takes seconds, and recorded with the model version like any other:
 * - one validation split (a quarter of the training students) instead of five folds;
 * - the tree candidates and their ensemble only: the two neural ones (logistic regression and
 *   the small network, trained with tfjs) took three quarters of the candidates' time on the
 *   300-student demo, and on the demo school the trees win (docs/model.md);
 * - the large-school forest's 30 trees instead of the default 300: the forest's AUC is flat
 *   beyond about 30 (docs/model.md, score-fast), and every tree is walked for every score. Its
 *   minimum leaf still follows the school's size (50 rows above `LARGE_TRAINING_SET`, else the
 *   default 5): bigger leaves on the smaller demos were not measured to help.
 * Retraining (Models > Retrain now, `beacon train`, the schedule) uses the full set.
 */
export const demoTrainOptions: NonNullable<TrainJobPayload['trainOptions']> = {
  candidates: ['forest', 'boosting', 'ensemble'],
  validation: { method: 'split', fraction: 0.25 },
  forest: { trees: largeSchoolOptions.forest.trees },
};
