import { createHash } from 'node:crypto';
import { ModelError } from './errors';
import type { ModelHeader } from './model-spec';

const magic = new TextEncoder().encode('BEACONM1');

/** A decoded artifact: the JSON header and the binary segments it refers to (tfjs weights). */
export interface ArtifactContents {
  header: ModelHeader;
  segments: Uint8Array[];
}

/** The sha256 (hex) of artifact bytes, as the registry stores it. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Packs a model into one artifact: "BEACONM1", a little-endian uint32 header length, the header
 * JSON (preprocessing, model spec, calibration, and each segment's length), then the segments.
 */
export function encodeArtifact(header: ModelHeader, segments: Uint8Array[]): Uint8Array {
  const json = new TextEncoder().encode(
    JSON.stringify({ ...header, segments: segments.map((s) => s.length) }),
  );
  const total = magic.length + 4 + json.length + segments.reduce((s, b) => s + b.length, 0);
  const out = new Uint8Array(total);
  out.set(magic, 0);
  new DataView(out.buffer).setUint32(magic.length, json.length, true);
  let at = magic.length + 4;
  out.set(json, at);
  at += json.length;
  for (const s of segments) {
    out.set(s, at);
    at += s.length;
  }
  return out;
}

/**
 * Unpacks an artifact after checking its sha256 against the one recorded when it was saved: a
 * changed or damaged artifact is refused before any of it is read.
 */
export function decodeArtifact(bytes: Uint8Array, expectedSha256: string): ArtifactContents {
  const actual = sha256Hex(bytes);
  if (actual !== expectedSha256.toLowerCase()) {
    throw new ModelError(
      'ARTIFACT_CHECKSUM',
      `The model artifact does not match its recorded checksum (expected sha256 ${expectedSha256}, got ${actual}); it was changed or damaged and will not be loaded.`,
    );
  }
  const invalid = (why: string) =>
    new ModelError('ARTIFACT_INVALID', `The model artifact is not readable: ${why}.`);
  if (bytes.length < magic.length + 4 || magic.some((b, i) => bytes[i] !== b))
    throw invalid('it is not a Beacon model');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(magic.length, true);
  let at = magic.length + 4;
  if (at + length > bytes.length) throw invalid('its header is cut short');
  let parsed: ModelHeader & { segments?: unknown };
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(at, at + length))) as typeof parsed;
  } catch {
    throw invalid('its header is not JSON');
  }
  if (parsed.format !== 'beacon-model') throw invalid('its header is not a Beacon model header');
  if (parsed.formatVersion !== 1)
    throw invalid(
      `it has format version ${String(parsed.formatVersion)}; this Beacon reads version 1`,
    );
  at += length;
  const { segments: lengths, ...header } = parsed;
  if (!Array.isArray(lengths) || !lengths.every((n) => Number.isInteger(n) && n >= 0))
    throw invalid('its segment list is garbled');
  const segments = (lengths as number[]).map((n) => {
    const s = bytes.subarray(at, at + n);
    at += n;
    return s;
  });
  if (at !== bytes.length) throw invalid('its segments do not add up to its length');
  return { header, segments };
}
