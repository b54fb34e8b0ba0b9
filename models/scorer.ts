import type { ArtifactContents } from './artifact';
import { decodeArtifact } from './artifact';
import { calibrate } from './calibration';
import type { Dataset, RawRow } from './dataset';
import { compileDense } from './dense-eval';
import { ModelError } from './errors';
import type { RowScorer } from './trees-eval';
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
  /** Encoded features per row (the preprocessor's width). */
  readonly width: number;
  /** Encodes a raw row into `out` at `offset` with the training preprocessing. */
  readonly encode: RowEncoder;
  /** The calibrated probability of an encoded row. */
  probability(x: ArrayLike<number>, offset?: number): number;
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
  const probability = compileCalibrated(header, segments, width);
  const encode = compileEncoder(header.preprocessor);
  const buffer = new Float64Array(width);
  return {
    header,
    width,
    encode,
    probability: (x, offset = 0) => probability(x, offset),
    scoreRow(row) {
      encode(row, buffer);
      return probability(buffer, 0);
    },
    scoreRows(rows) {
      const out = new Float64Array(rows.length);
      rows.forEach((row, i) => {
        encode(row, buffer);
        out[i] = probability(buffer, 0);
      });
      return out;
    },
    scoreDataset(dataset) {
      const x = encodeDataset(header.preprocessor, dataset);
      const out = new Float64Array(dataset.rows);
      for (let i = 0; i < dataset.rows; i++) out[i] = probability(x, i * width);
      return out;
    },
  };
}

/** A model spec with its calibration, as a function from an encoded row to a probability. */
export function compileCalibrated(
  spec: CalibratedSpec,
  segments: Uint8Array[],
  width: number,
): RowScorer {
  const raw = compileRaw(spec.model, segments, width);
  const isLogit = rawIsLogit(spec.model.kind);
  const { calibration } = spec;
  return (x, offset) => calibrate(calibration, raw(x, offset), isLogit);
}

/** A model spec as a function from an encoded row to its raw score (logit or vote share). */
export function compileRaw(spec: ModelSpec, segments: Uint8Array[], width: number): RowScorer {
  switch (spec.kind) {
    case 'logistic':
    case 'mlp': {
      const segment = segments[spec.segment];
      if (!segment)
        throw new ModelError(
          'ARTIFACT_INVALID',
          `The model refers to weights segment ${spec.segment}, which the artifact lacks.`,
        );
      return compileDense(decodeTfSegment(segment), width);
    }
    case 'forest':
    case 'boosting': {
      const n = spec.feature.length;
      if (
        [spec.threshold, spec.right, spec.value].some((a) => a.length !== n) ||
        spec.roots.length === 0
      ) {
        throw new ModelError(
          'ARTIFACT_INVALID',
          `The ${spec.kind} trees in the artifact have arrays of different lengths or no trees.`,
        );
      }
      if (
        spec.feature.some((f) => f >= width) ||
        spec.right.some((r, i) => spec.feature[i]! >= 0 && (r <= i + 1 || r >= n))
      ) {
        throw new ModelError(
          'ARTIFACT_INVALID',
          `The ${spec.kind} trees in the artifact point outside their features or nodes.`,
        );
      }
      return compileTrees(spec);
    }
    case 'ensemble': {
      const members = spec.members.map((m) => compileCalibrated(m, segments, width));
      return (x, offset) => {
        let sum = 0;
        for (const m of members) sum += m(x, offset);
        return sum / members.length;
      };
    }
  }
}
