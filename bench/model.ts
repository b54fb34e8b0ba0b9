/**
 * `npm run bench:model -- --csv PATH --target COLUMN --positive VALUE[,VALUE...] [--exclude COL,...]
 * [--sep ';'] [--folds 5] [--seed 42] [--verbose]`: stratified k-fold cross-validation of Beacon's
 * training pipeline on any tabular CSV (numeric columns standardised, text columns one-hot).
 * Prints one JSON line; bad arguments end with a message on stderr and exit code 2.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { crossValidate } from '../models/cross-validate';
import { datasetFromCsv } from '../models/csv-dataset';
import { ModelError } from '../models/errors';
import type { CandidateKind } from '../models/model-spec';
import { fitPreprocessor } from '../models/preprocess';

function fail(message: string): never {
  console.error(`bench:model: ${message}`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      options: {
        csv: { type: 'string' },
        target: { type: 'string' },
        positive: { type: 'string' },
        exclude: { type: 'string' },
        sep: { type: 'string' },
        folds: { type: 'string' },
        seed: { type: 'string' },
        verbose: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
}

const list = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

function integer(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) fail(`--${name} must be an integer, not "${raw}".`);
  return n;
}

const args = parse();
if (!args.csv) fail('--csv PATH is required.');
if (!args.target) fail('--target COLUMN is required.');
if (!args.positive || list(args.positive).length === 0)
  fail('--positive VALUE[,VALUE...] is required.');
if (!existsSync(args.csv)) fail(`There is no file at ${args.csv}.`);
const folds = integer('folds', args.folds, 5);
const seed = integer('seed', args.seed, 42);
if (folds < 2) fail(`--folds must be at least 2, not ${folds}.`);

let dataset;
try {
  dataset = datasetFromCsv(readFileSync(args.csv, 'utf8'), {
    target: args.target,
    positive: list(args.positive),
    exclude: list(args.exclude),
    separator: args.sep ?? ',',
  });
} catch (error) {
  if (error instanceof ModelError) fail(error.message);
  throw error;
}
const positives = dataset.labels.reduce((s, y) => s + y, 0);
const smallest = Math.min(positives, dataset.rows - positives);
if (folds > smallest)
  fail(`--folds ${folds} is more than the smaller class has rows (${smallest}).`);

const results = await crossValidate(dataset, {
  folds,
  seed,
  onFold: (r) => {
    if (args.verbose)
      console.error(
        JSON.stringify({ fold: r.fold, auc: r.auc, winner: r.winner, candidates: r.candidates }),
      );
  },
});
const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
const std = (xs: number[]) => Math.sqrt(mean(xs.map((v) => (v - mean(xs)) ** 2)));
const round = (v: number, digits = 4) => Number(v.toFixed(digits));
const wins: Partial<Record<CandidateKind, number>> = {};
for (const r of results) wins[r.winner] = (wins[r.winner] ?? 0) + 1;
// The most frequent winner; on a tie, the one that won first.
const model = results
  .map((r) => r.winner)
  .reduce((best, k) => ((wins[k] ?? 0) > (wins[best] ?? 0) ? k : best));
const aucs = results.map((r) => r.auc);
console.log(
  JSON.stringify({
    rows: dataset.rows,
    features: dataset.columns.length,
    encoded_features: fitPreprocessor(dataset).width,
    folds,
    auc_mean: round(mean(aucs)),
    auc_std: round(std(aucs)),
    pr_auc_mean: round(mean(results.map((r) => r.prAuc))),
    brier_mean: round(mean(results.map((r) => r.brier))),
    fit_seconds_mean: round(mean(results.map((r) => r.fitSeconds)), 3),
    predict_ms_per_1000: round(mean(results.map((r) => r.predictMsPer1000)), 3),
    model,
    wins,
  }),
);
