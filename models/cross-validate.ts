import type { Dataset } from './dataset';
import { rowAt, selectRows } from './dataset';
import { averagePrecision, brierScore, rocAuc } from './metrics';
import type { CandidateKind } from './model-spec';
import { loadScorer } from './scorer';
import { stratifiedFolds } from './split';
import type { TrainResult } from './train';
import { trainModel } from './train';
import type { TrainOptionsInput } from './train-options';

/** One fold's held-out figures. */
export interface FoldResult {
  fold: number;
  auc: number;
  prAuc: number;
  brier: number;
  fitSeconds: number;
  /** Scoring raw rows with the typed-array scorer, preprocessing included. */
  predictMsPer1000: number;
  winner: CandidateKind;
  candidates: TrainResult['candidates'];
}

export interface CrossValidationOptions {
  folds: number;
  seed: number;
  train?: TrainOptionsInput;
  onFold?(result: FoldResult): void;
}

/**
 * Stratified k-fold cross-validation of the whole training pipeline: each fold trains (choosing
 * its candidate on a validation split of the training rows only) and is scored on rows it never
 * saw. Deterministic for a seed.
 */
export async function crossValidate(
  dataset: Dataset,
  options: CrossValidationOptions,
): Promise<FoldResult[]> {
  const fold = stratifiedFolds(dataset.labels, options.folds, options.seed);
  const results: FoldResult[] = [];
  for (let k = 0; k < options.folds; k++) {
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    fold.forEach((f, i) => (f === k ? testIdx : trainIdx).push(i));
    const test = selectRows(dataset, testIdx);
    const started = performance.now();
    const trained = await trainModel(selectRows(dataset, trainIdx), {
      ...options.train,
      seed: options.seed,
    });
    const fitSeconds = (performance.now() - started) / 1000;
    const scorer = loadScorer(trained.artifact, trained.sha256);
    const rows = Array.from({ length: test.rows }, (_, i) => rowAt(test, i));
    const scores = scorer.scoreRows(rows);
    const result: FoldResult = {
      fold: k,
      auc: rocAuc(test.labels, scores),
      prAuc: averagePrecision(test.labels, scores),
      brier: brierScore(test.labels, scores),
      fitSeconds,
      predictMsPer1000: timePerThousand(() => scorer.scoreRows(rows), rows.length),
      winner: trained.kind,
      candidates: trained.candidates,
    };
    options.onFold?.(result);
    results.push(result);
  }
  return results;
}

/** Milliseconds per 1,000 rows, repeating the call for at least 50 ms to steady the figure. */
function timePerThousand(run: () => unknown, rows: number): number {
  run();
  let repeats = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < 50 || repeats < 3) {
    run();
    repeats++;
    elapsed = performance.now() - started;
  }
  return (elapsed / repeats / rows) * 1000;
}
