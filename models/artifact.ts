import { createHash } from 'node:crypto';
import { ModelError } from './errors';
import type { ModelHeader, ModelSpec } from './model-spec';
import type { TreeArrays } from './tree-arrays';
import { checkTrees, decodeTrees, encodeTrees } from './tree-arrays';

const magic = new TextEncoder().encode('BEACONM1');

/** A decoded artifact: the header (trees already as typed arrays) and the dense-weight segments. */
export interface ArtifactContents {
  header: ModelHeader;
  segments: Uint8Array[];
}

/** A model spec as the header JSON keeps it: trees point at a segment (v2) or are inline (v1). */
type StoredSpec =
  | { kind: 'forest'; segment: number }
  | { kind: 'boosting'; base: number; segment: number }
  | ({ kind: 'forest' | 'boosting'; base?: number } & StoredV1Trees)
  | { kind: 'logistic' | 'mlp'; segment: number }
  | { kind: 'ensemble'; members: { model: StoredSpec; calibration: unknown }[] };

interface StoredV1Trees {
  roots: number[];
  feature: number[];
  threshold: number[];
  right: number[];
  value: number[];
}

/** The sha256 (hex) of artifact bytes, as the registry stores it. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Packs a model into one artifact: "BEACONM1", a little-endian uint32 header length, the header
 * JSON (preprocessing, model spec, calibration, and each segment's length), then the segments:
 * the dense networks' weights as given, then each tree set as a binary segment (format 2), so
 * loading a forest copies bytes instead of parsing megabytes of JSON.
 */
export function encodeArtifact(header: ModelHeader, segments: Uint8Array[]): Uint8Array {
  const all = [...segments];
  const model = toStored(header.model, all);
  const json = new TextEncoder().encode(
    JSON.stringify({ ...header, formatVersion: 2, model, segments: all.map((s) => s.length) }),
  );
  const total = magic.length + 4 + json.length + all.reduce((s, b) => s + b.length, 0);
  const out = new Uint8Array(total);
  out.set(magic, 0);
  new DataView(out.buffer).setUint32(magic.length, json.length, true);
  let at = magic.length + 4;
  out.set(json, at);
  at += json.length;
  for (const s of all) {
    out.set(s, at);
    at += s.length;
  }
  return out;
}

function toStored(spec: ModelSpec, segments: Uint8Array[]): StoredSpec {
  switch (spec.kind) {
    case 'forest':
      return { kind: 'forest', segment: segments.push(encodeTrees(spec.trees)) - 1 };
    case 'boosting':
      return {
        kind: 'boosting',
        base: spec.base,
        segment: segments.push(encodeTrees(spec.trees)) - 1,
      };
    case 'ensemble':
      return {
        kind: 'ensemble',
        members: spec.members.map((m) => ({
          model: toStored(m.model, segments),
          calibration: m.calibration,
        })),
      };
    default:
      return spec;
  }
}

/**
 * Unpacks an artifact after checking its sha256 against the one recorded when it was saved: a
 * changed or damaged artifact is refused before any of it is read. Reads formats 1 and 2.
 */
export function decodeArtifact(bytes: Uint8Array, expectedSha256: string): ArtifactContents {
  const actual = sha256Hex(bytes);
  if (actual !== expectedSha256.toLowerCase()) {
    throw new ModelError(
      'ARTIFACT_CHECKSUM',
      `The model artifact does not match its recorded checksum (expected sha256 ${expectedSha256}, got ${actual}); it was changed or damaged and will not be loaded.`,
    );
  }
  return parseArtifact(bytes);
}

/**
 * Unpacks artifact bytes without hashing them: only for bytes whose checksum was just computed
 * from the same memory (a training worker's result), never for bytes read back from storage.
 */
export function parseArtifact(bytes: Uint8Array): ArtifactContents {
  const invalid = (why: string) =>
    new ModelError('ARTIFACT_INVALID', `The model artifact is not readable: ${why}.`);
  if (bytes.length < magic.length + 4 || magic.some((b, i) => bytes[i] !== b))
    throw invalid('it is not a Beacon model');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(magic.length, true);
  let at = magic.length + 4;
  if (at + length > bytes.length) throw invalid('its header is cut short');
  type Parsed = Omit<ModelHeader, 'model'> & { model: StoredSpec; segments?: unknown };
  let parsed: Parsed;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(at, at + length))) as Parsed;
  } catch {
    throw invalid('its header is not JSON');
  }
  if (parsed.format !== 'beacon-model') throw invalid('its header is not a Beacon model header');
  if (parsed.formatVersion !== 1 && parsed.formatVersion !== 2)
    throw invalid(
      `it has format version ${String(parsed.formatVersion)}; this Beacon reads versions 1 and 2`,
    );
  at += length;
  const { segments: lengths, model, ...rest } = parsed;
  if (!Array.isArray(lengths) || !lengths.every((n) => Number.isInteger(n) && n >= 0))
    throw invalid('its segment list is garbled');
  const segments = (lengths as number[]).map((n) => {
    const s = bytes.subarray(at, at + n);
    at += n;
    return s;
  });
  if (at !== bytes.length) throw invalid('its segments do not add up to its length');
  const width = rest.preprocessor?.width;
  if (!Number.isInteger(width)) throw invalid('its header has no input width');
  return { header: { ...rest, model: fromStored(model, segments, width) }, segments };
}

function fromStored(spec: StoredSpec, segments: Uint8Array[], width: number): ModelSpec {
  const segment = (k: number): Uint8Array => {
    const s = segments[k];
    if (!s)
      throw new ModelError(
        'ARTIFACT_INVALID',
        `The model refers to segment ${k}, which the artifact lacks.`,
      );
    return s;
  };
  switch (spec.kind) {
    case 'forest':
    case 'boosting': {
      const trees: TreeArrays =
        'segment' in spec ? decodeTrees(segment(spec.segment), width) : v1Trees(spec, width);
      return spec.kind === 'forest'
        ? { kind: 'forest', trees }
        : { kind: 'boosting', base: spec.base ?? 0, trees };
    }
    case 'ensemble':
      return {
        kind: 'ensemble',
        members: spec.members.map((m) => ({
          model: fromStored(m.model, segments, width),
          calibration: m.calibration as ModelHeader['calibration'],
        })),
      };
    default:
      return spec;
  }
}

/** Format 1 kept trees as JSON arrays; boosting's inner nodes had value 0 then. */
function v1Trees(spec: { kind: string } & Partial<StoredV1Trees>, width: number): TreeArrays {
  const arrays = [spec.roots, spec.feature, spec.threshold, spec.right, spec.value];
  if (!arrays.every(Array.isArray)) {
    throw new ModelError(
      'ARTIFACT_INVALID',
      `The ${spec.kind} trees in the artifact have arrays of different lengths or no trees.`,
    );
  }
  const trees: TreeArrays = {
    roots: Int32Array.from(spec.roots!),
    feature: Int32Array.from(spec.feature!),
    threshold: Float64Array.from(spec.threshold!),
    right: Int32Array.from(spec.right!),
    value: Float64Array.from(spec.value!),
  };
  checkTrees(trees, width, spec.kind);
  return trees;
}
