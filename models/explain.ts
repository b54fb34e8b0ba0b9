import { calibrate, logit } from './calibration';
import type { Calibration } from './calibration';
import type { RawRow } from './dataset';
import { toCategory, toNumber } from './dataset';
import type { CompiledDense } from './dense-eval';
import { compileDense } from './dense-eval';
import type { CalibratedSpec, ModelSpec } from './model-spec';
import { rawIsLogit } from './model-spec';
import { referenceRow } from './preprocess';
import type { Scorer } from './scorer';
import { decodeTfSegment } from './tf-segment';
import type { PackedTrees } from './trees-eval';
import { packTrees, treeContributions } from './trees-eval';

/** One input's part in a score, as structured data for the backend to store and render. */
export interface Factor {
  /** The input column. */
  feature: string;
  /** The student's value (null when not known). */
  value: number | string | null;
  /** What it was compared with: the training median (numeric) or most common category, unless the caller gave one (e.g. the school median). */
  reference: number | string | null;
  direction: 'raises' | 'lowers';
  /** This input's share of the risk's log-odds (see `Explainer`). */
  weight: number;
}

/**
 * How an explainer splits a score among the inputs:
 * - `linear`: logistic regression, the model's own terms w·(x - reference): exact.
 * - `deeplift`: an MLP, DeepLIFT's rescale rule against the reference row: the shares add up
 *   exactly to logit(risk) - logit(risk of the reference row).
 * - `saabas`: trees, the change in node value at each split of each decision path credited to
 *   the split's input (Saabas): the shares add up exactly to logit(risk) - logit(risk of the
 *   average training row), and cost one walk of the trees.
 * - `rescale`: an ensemble, each member's shares rescaled from its own log-odds to the
 *   ensemble's by the ratio of their changes (so they still add up exactly).
 * - `substitution`: format-1 boosting artifacts, whose inner nodes kept no values: each input
 *   in turn set to its reference and the row re-scored (one scoring per input).
 */
export type ExplainMethod = 'linear' | 'deeplift' | 'saabas' | 'rescale' | 'substitution';

/** Explains encoded rows of one scorer without re-scoring them input by input. */
export interface Explainer {
  readonly method: ExplainMethod;
  /**
   * Writes each input column's share of the calibrated log-odds into `out` (one value per
   * preprocessor column) and returns the probability and the log-odds the shares start from:
   * `baseLogit` + sum(out) = logit(probability), exactly (up to float rounding).
   */
  explain(
    x: Float64Array,
    offset: number,
    reference: Float64Array,
    out: Float64Array,
  ): { probability: number; baseLogit: number };
}

const explainers = new WeakMap<Scorer, Explainer>();

/** The scorer's explainer, built once and kept beside it. */
export function explainerFor(scorer: Scorer): Explainer {
  let e = explainers.get(scorer);
  if (!e) explainers.set(scorer, (e = createExplainer(scorer)));
  return e;
}

/** Builds the explainer for a scorer's model kind (see `ExplainMethod`). */
export function createExplainer(scorer: Scorer): Explainer {
  const { header } = scorer;
  const width = scorer.width;
  const columns = header.preprocessor.columns;
  const spans = columns.map((c) => (c.kind === 'numeric' ? 1 : c.categories.length));
  const perFeature = new Float64Array(width);
  const toColumns = (out: Float64Array) => {
    for (let c = 0, k = 0; c < spans.length; c++) {
      let s = 0;
      for (let j = 0; j < (spans[c] as number); j++, k++) s += perFeature[k] as number;
      out[c] = s;
    }
  };
  const oldBoosting = header.formatVersion === 1 && usesKind(header.model, 'boosting');
  if (oldBoosting) return substitution(scorer, spans, perFeature, toColumns);
  const dense = new Map<number, CompiledDense>();
  const denseFor = (segment: number) => {
    let d = dense.get(segment);
    if (!d) {
      d = compileDense(decodeTfSegment(scorer.segments[segment] as Uint8Array), width);
      dense.set(segment, d);
    }
    return d;
  };
  const packedFor = (spec: Extract<ModelSpec, { kind: 'forest' | 'boosting' }>): PackedTrees =>
    packTrees(spec, width);
  const scratch: Float64Array[] = [];
  const raw = (
    spec: ModelSpec,
    x: Float64Array,
    offset: number,
    ref: Float64Array,
    out: Float64Array,
    depth: number,
  ): { raw: number; bias: number } => {
    switch (spec.kind) {
      case 'forest':
      case 'boosting':
        return treeContributions(packedFor(spec), x, offset, out);
      case 'logistic':
      case 'mlp':
        return denseFor(spec.segment).contributions(x, offset, ref, 0, out);
      case 'ensemble': {
        const tmp = (scratch[depth] ??= new Float64Array(width));
        let p = 0;
        let pBias = 0;
        for (const member of spec.members) {
          tmp.fill(0);
          const m = calibrated(member, x, offset, ref, tmp, depth + 1, false);
          for (let k = 0; k < width; k++) out[k]! += (tmp[k] as number) / spec.members.length;
          p += m.value / spec.members.length;
          pBias += m.bias / spec.members.length;
        }
        return { raw: p, bias: pBias };
      }
    }
  };
  /** A calibrated spec's shares, moved from its raw score to probability or log-odds. */
  const calibrated = (
    spec: CalibratedSpec,
    x: Float64Array,
    offset: number,
    ref: Float64Array,
    out: Float64Array,
    depth: number,
    asLogit: boolean,
  ): { value: number; bias: number } => {
    const r = raw(spec.model, x, offset, ref, out, depth);
    const isLogit = rawIsLogit(spec.model.kind);
    const map = (v: number) => {
      const p = calibrate(spec.calibration, v, isLogit);
      return asLogit ? logit(p) : p;
    };
    const value = map(r.raw);
    const bias = map(r.bias);
    const scale = rescale(map, r.raw, r.bias, value, bias, spec.calibration, asLogit);
    for (let k = 0; k < width; k++) out[k] = (out[k] as number) * scale;
    return { value, bias };
  };
  const method: ExplainMethod =
    header.model.kind === 'ensemble'
      ? 'rescale'
      : header.model.kind === 'logistic'
        ? 'linear'
        : header.model.kind === 'mlp'
          ? 'deeplift'
          : 'saabas';
  return {
    method,
    explain(x, offset, reference, out) {
      perFeature.fill(0);
      const r = calibrated(header, x, offset, reference, perFeature, 0, true);
      toColumns(out);
      return { probability: 1 / (1 + Math.exp(-r.value)), baseLogit: r.bias };
    },
  };
}

/**
 * The factor that carries shares from a raw score to a calibrated one: exactly `a` for Platt on
 * the log-odds (a linear map), else Δcalibrated / Δraw, or the local slope when they coincide.
 */
function rescale(
  map: (v: number) => number,
  raw: number,
  bias: number,
  value: number,
  mappedBias: number,
  calibration: Calibration,
  asLogit: boolean,
): number {
  if (calibration.method === 'platt' && asLogit) return calibration.a;
  if (Math.abs(raw - bias) > 1e-9) return (value - mappedBias) / (raw - bias);
  return (map(raw + 1e-6) - map(raw - 1e-6)) / 2e-6;
}

function usesKind(spec: ModelSpec, kind: ModelSpec['kind']): boolean {
  return (
    spec.kind === kind ||
    (spec.kind === 'ensemble' && spec.members.some((m) => usesKind(m.model, kind)))
  );
}

/** One-at-a-time substitution, for artifacts whose trees cannot be walked for shares. */
function substitution(
  scorer: Scorer,
  spans: number[],
  perFeature: Float64Array,
  toColumns: (out: Float64Array) => void,
): Explainer {
  const row = new Float64Array(scorer.width);
  return {
    method: 'substitution',
    explain(x, offset, reference, out) {
      row.set(x.subarray(offset, offset + scorer.width));
      const p = scorer.probability(row);
      const base = logit(p);
      perFeature.fill(0);
      for (let c = 0, k = 0; c < spans.length; k += spans[c] as number, c++) {
        const span = spans[c] as number;
        let same = true;
        for (let j = k; j < k + span; j++) same &&= row[j] === reference[j];
        if (same) continue;
        const saved = row.slice(k, k + span);
        row.set(reference.subarray(k, k + span), k);
        perFeature[k] = base - logit(scorer.probability(row));
        row.set(saved, k);
      }
      toColumns(out);
      let sum = 0;
      for (const w of out) sum += w;
      return { probability: p, baseLogit: base - sum };
    },
  };
}

export interface ExplainOptions {
  /** Reference values by column, overriding the training medians (e.g. this school's medians). */
  reference?: RawRow;
  /** How many factors to return, largest |weight| first. Default 3. */
  top?: number;
  /** 'raises' keeps only factors that raise the risk (what staff act on). Default 'both'. */
  only?: 'raises' | 'both';
  /** Factors smaller than this are left out. Default 0.01 log-odds. */
  minWeight?: number;
}

/**
 * The inputs that move one student's score the most, each with the value it was compared with,
 * as the scorer's explainer splits the log-odds (see `ExplainMethod`): one pass, no re-scoring.
 */
export function explainScore(scorer: Scorer, row: RawRow, options: ExplainOptions = {}): Factor[] {
  const { preprocessor } = scorer.header;
  const reference = { ...referenceRow(preprocessor), ...options.reference };
  const x = new Float64Array(scorer.width);
  const ref = new Float64Array(scorer.width);
  scorer.encode(row, x);
  scorer.encode(reference, ref);
  const weights = new Float64Array(preprocessor.columns.length);
  explainerFor(scorer).explain(x, 0, ref, weights);
  const factors = preprocessor.columns.map((column, c): Factor => {
    const weight = weights[c] as number;
    const pick = (from: RawRow) =>
      column.kind === 'numeric'
        ? nullIfNaN(toNumber(from[column.name]))
        : toCategory(from[column.name]);
    return {
      feature: column.name,
      value: pick(row),
      reference: pick(reference),
      direction: weight >= 0 ? 'raises' : 'lowers',
      weight,
    };
  });
  const minWeight = options.minWeight ?? 0.01;
  return factors
    .filter((f) => Math.abs(f.weight) >= minWeight && (options.only !== 'raises' || f.weight > 0))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, options.top ?? 3);
}

/**
 * The older one-at-a-time attribution, kept to measure how far the fast explainers agree with
 * it: logit(risk) minus logit(risk with that one input set to its reference), per column.
 */
export function substitutionWeights(
  scorer: Scorer,
  x: Float64Array,
  reference: Float64Array,
): Float64Array {
  const columns = scorer.header.preprocessor.columns;
  const spans = columns.map((c) => (c.kind === 'numeric' ? 1 : c.categories.length));
  const perFeature = new Float64Array(scorer.width);
  const out = new Float64Array(columns.length);
  const toColumns = (o: Float64Array) => {
    for (let c = 0, k = 0; c < spans.length; c++) {
      o[c] = perFeature[k] as number;
      k += spans[c] as number;
    }
  };
  substitution(scorer, spans, perFeature, toColumns).explain(x, 0, reference, out);
  return out;
}

function nullIfNaN(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}
