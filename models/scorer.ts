import type { ArtifactContents } from './artifact';
import { decodeArtifact } from './artifact';
import { calibrate } from './calibration';
import type { Dataset, RawRow } from './dataset';
import { compileDense } from './dense-eval';
import { ModelError } from './errors';
import type { CompiledRaw } from './trees-eval';
import { compileTrees } from './trees-eval';
import type { CalibratedSpec, ModelHeader, ModelSpec } from './model-spec';
import { rawIsLogit } from './model-spec';
import type { RowEncoder } from './preprocess';
import { compileEncoder, encodeDataset } from './preprocess';
import { decodeTfSegment } from './tf-segment';

/**
 * A trained model compiled to plain functions over typed arrays: preprocessing, the model, and
 * its calibration, with no tfjs at scoring time. Build one per model version and keep it.
 */
export interface Scorer {
  readonly header: ModelHeader;
  /** The artifact's segments (dense weights), for explanations that read the layers. */
  readonly segments: readonly Uint8Array[];
  /** Encoded features per row (the preprocessor's width). */
  readonly width: number;
  /** Encodes a raw row into `out` at `offset` with the training preprocessing. */
  readonly encode: RowEncoder;
  /** The calibrated probability of an encoded row. */
  probability(x: ArrayLike<number>, offset?: number): number;
  /**
   * Calibrated probabilities of `rows` encoded rows laid end to end in `x` (row-major). Trees
   * are walked one at a time over every row, which keeps each tree in cache.
   */
  probabilities(x: Float64Array, rows: number, out?: Float64Array): Float64Array;
  /** The calibrated probability of a raw row. */
  scoreRow(row: RawRow): number;
  /** Calibrated probabilities of raw rows. */
  scoreRows(rows: readonly RawRow[]): Float64Array;
  /** Calibrated probabilities of every row of a dataset (its columns matched by name). */
  scoreDataset(dataset: Dataset): Float64Array;
}

/** Loads an artifact, refusing it unless its sha256 is `expectedSha256`, and compiles its scorer. */
export function loadScorer(bytes: Uint8Array, expectedSha256: string): Scorer {
  return compileScorer(decodeArtifact(bytes, expectedSha256));
}

/** Compiles decoded artifact contents into a scorer. */
export function compileScorer({ header, segments }: ArtifactContents): Scorer {
  const width = header.preprocessor.width;
  const model = compileCalibrated(header, segments, width);
  const encode = compileEncoder(header.preprocessor);
  const buffer = new Float64Array(width);
  const probabilities = (x: Float64Array, rows: number, out = new Float64Array(rows)) => {
    model.many(x, rows, out);
    return out;
  };
  return {
    header,
    segments,
    width,
    encode,
    probability: (x, offset = 0) => model.one(x, offset),
    probabilities,
    scoreRow(row) {
      encode(row, buffer);
      return model.one(buffer, 0);
    },
    scoreRows(rows) {
      const x = new Float64Array(rows.length * width);
      rows.forEach((row, i) => encode(row, x, i * width));
      return probabilities(x, rows.length);
    },
    scoreDataset(dataset) {
      return probabilities(encodeDataset(header.preprocessor, dataset), dataset.rows);
    },
  };
}

/** A model spec with its calibration, as functions from encoded rows to probabilities. */
export function compileCalibrated(
  spec: CalibratedSpec,
  segments: readonly Uint8Array[],
  width: number,
): CompiledRaw {
  const raw = compileRaw(spec.model, segments, width);
  const isLogit = rawIsLogit(spec.model.kind);
  const { calibration } = spec;
  return {
    one: (x, offset) => calibrate(calibration, raw.one(x, offset), isLogit),
    many(x, rows, out) {
      raw.many(x, rows, out);
      for (let r = 0; r < rows; r++) out[r] = calibrate(calibration, out[r] as number, isLogit);
    },
  };
}

/** A model spec as functions from encoded rows to raw scores (logit or vote share). */
export function compileRaw(
  spec: ModelSpec,
  segments: readonly Uint8Array[],
  width: number,
): CompiledRaw {
  switch (spec.kind) {
    case 'logistic':
    case 'mlp': {
      const segment = segments[spec.segment];
      if (!segment)
        throw new ModelError(
          'ARTIFACT_INVALID',
          `The model refers to weights segment ${spec.segment}, which the artifact lacks.`,
        );
      const one = compileDense(decodeTfSegment(segment), width).score;
      return {
        one,
        many(x, rows, out) {
          for (let r = 0; r < rows; r++) out[r] = one(x, r * width);
        },
      };
    }
    case 'forest':
    case 'boosting':
      return compileTrees(spec, width);
    case 'ensemble': {
      const members = spec.members.map((m) => compileCalibrated(m, segments, width));
      let scratch = new Float64Array(0);
      return {
        one(x, offset) {
          let sum = 0;
          for (const m of members) sum += m.one(x, offset);
          return sum / members.length;
        },
        many(x, rows, out) {
          if (scratch.length < rows) scratch = new Float64Array(rows);
          out.fill(0, 0, rows);
          for (const m of members) {
            m.many(x, rows, scratch);
            for (let r = 0; r < rows; r++) out[r]! += scratch[r] as number;
          }
          for (let r = 0; r < rows; r++) out[r] = (out[r] as number) / members.length;
        },
      };
    }
  }
}
