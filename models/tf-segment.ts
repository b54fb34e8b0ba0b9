import type { io } from '@tensorflow/tfjs-core';
import { ModelError } from './errors';

/**
 * The bytes of one tfjs model inside a Beacon artifact: a little-endian uint32 length, that many
 * bytes of UTF-8 JSON (tfjs' own `modelTopology` and `weightSpecs`), then the raw weight data.
 * Reading it needs no tfjs, so the typed-array scorer can compile the weights directly.
 */
export interface TfSegment {
  modelTopology: unknown;
  weightSpecs: io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
}

/** Packs a model's topology and weights as tfjs hands them to a save handler. */
export function encodeTfSegment(
  topology: unknown,
  specs: io.WeightsManifestEntry[],
  weights: ArrayBuffer,
): Uint8Array {
  const json = new TextEncoder().encode(
    JSON.stringify({ modelTopology: topology, weightSpecs: specs }),
  );
  const out = new Uint8Array(4 + json.length + weights.byteLength);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  out.set(new Uint8Array(weights), 4 + json.length);
  return out;
}

/** Unpacks a segment written by `encodeTfSegment`, refusing one that is cut short or garbled. */
export function decodeTfSegment(bytes: Uint8Array): TfSegment {
  if (bytes.length < 4)
    throw new ModelError('ARTIFACT_INVALID', 'The model weights segment is truncated.');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (4 + length > bytes.length)
    throw new ModelError('ARTIFACT_INVALID', 'The model weights segment is truncated.');
  let parsed: { modelTopology?: unknown; weightSpecs?: io.WeightsManifestEntry[] };
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as typeof parsed;
  } catch {
    throw new ModelError('ARTIFACT_INVALID', 'The model weights segment has an unreadable header.');
  }
  if (!parsed.modelTopology || !Array.isArray(parsed.weightSpecs)) {
    throw new ModelError(
      'ARTIFACT_INVALID',
      'The model weights segment lacks a topology or weight list.',
    );
  }
  const weightData = bytes.slice(4 + length).buffer;
  const expected = parsed.weightSpecs.reduce(
    (s, w) => s + 4 * w.shape.reduce((a, b) => a * b, 1),
    0,
  );
  if (weightData.byteLength !== expected || parsed.weightSpecs.some((w) => w.dtype !== 'float32')) {
    throw new ModelError(
      'ARTIFACT_INVALID',
      `The model weights segment holds ${weightData.byteLength} bytes of weights; its list needs ${expected} float32 bytes.`,
    );
  }
  return { modelTopology: parsed.modelTopology, weightSpecs: parsed.weightSpecs, weightData };
}
