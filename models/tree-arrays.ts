import { ModelError } from './errors';

/**
 * Trees as flat typed arrays in pre-order, the layout both training and scoring use: node i's
 * left child is i + 1 (so a path mostly walks forward through memory), its right child is
 * `right[i]`; a leaf has `feature[i] = -1`. `value[i]` is the node's own prediction for every
 * node, not only leaves (a forest's share of positives, boosting's Newton step), so the change
 * along each edge of a path is that split's contribution to a score. Tree t starts at `roots[t]`.
 */
export interface TreeArrays {
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  right: Int32Array;
  value: Float64Array;
}

/** Growable arrays for training, turned into typed arrays once at the end. */
export interface TreeBuilder {
  roots: number[];
  feature: number[];
  threshold: number[];
  right: number[];
  value: number[];
}

export const emptyTrees = (): TreeBuilder => ({
  roots: [],
  feature: [],
  threshold: [],
  right: [],
  value: [],
});

/** Freezes grown trees into typed arrays. */
export function freezeTrees(b: TreeBuilder): TreeArrays {
  return {
    roots: Int32Array.from(b.roots),
    feature: Int32Array.from(b.feature),
    threshold: Float64Array.from(b.threshold),
    right: Int32Array.from(b.right),
    value: Float64Array.from(b.value),
  };
}

/** The first `count` trees (trees are stored one after another). */
export function firstTrees(t: TreeArrays, count: number): TreeArrays {
  if (count >= t.roots.length) return t;
  const end = t.roots[count] as number;
  return {
    roots: t.roots.slice(0, count),
    feature: t.feature.slice(0, end),
    threshold: t.threshold.slice(0, end),
    right: t.right.slice(0, end),
    value: t.value.slice(0, end),
  };
}

/**
 * The binary segment of a tree set: uint32 tree count, uint32 node count, then roots, features
 * and right children as int32 and thresholds and values as float64, all little-endian, padded
 * so each float64 array starts at a multiple of 8. Decoding copies bytes; nothing is parsed.
 */
export function encodeTrees(t: TreeArrays): Uint8Array {
  const trees = t.roots.length;
  const nodes = t.feature.length;
  const intBytes = 8 + 4 * (trees + 2 * nodes);
  const pad = (8 - (intBytes % 8)) % 8;
  const out = new Uint8Array(intBytes + pad + 16 * nodes);
  const view = new DataView(out.buffer);
  view.setUint32(0, trees, true);
  view.setUint32(4, nodes, true);
  let at = 8;
  for (const arr of [t.roots, t.feature, t.right]) {
    for (let i = 0; i < arr.length; i++, at += 4) view.setInt32(at, arr[i] as number, true);
  }
  at += pad;
  for (const arr of [t.threshold, t.value]) {
    for (let i = 0; i < arr.length; i++, at += 8) view.setFloat64(at, arr[i] as number, true);
  }
  return out;
}

/** Reads a segment written by `encodeTrees`, checking its sizes and that every link stays inside. */
export function decodeTrees(bytes: Uint8Array, width: number): TreeArrays {
  const bad = (why: string) =>
    new ModelError('ARTIFACT_INVALID', `The model's tree segment is not readable: ${why}.`);
  if (bytes.length < 8) throw bad('it is cut short');
  // Copy into an aligned buffer so typed arrays can view it directly.
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  const trees = view.getUint32(0, true);
  const nodes = view.getUint32(4, true);
  const intBytes = 8 + 4 * (trees + 2 * nodes);
  const pad = (8 - (intBytes % 8)) % 8;
  if (copy.length !== intBytes + pad + 16 * nodes)
    throw bad('its length does not match its counts');
  const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
  if (!littleEndian) throw bad('this machine is big-endian');
  const ints = new Int32Array(copy.buffer, 8, trees + 2 * nodes);
  const floats = new Float64Array(copy.buffer, intBytes + pad, 2 * nodes);
  const out: TreeArrays = {
    roots: ints.subarray(0, trees),
    feature: ints.subarray(trees, trees + nodes),
    right: ints.subarray(trees + nodes),
    threshold: floats.subarray(0, nodes),
    value: floats.subarray(nodes),
  };
  checkTrees(out, width, 'tree');
  return out;
}

/** Refuses trees whose arrays disagree in length or whose links point outside them. */
export function checkTrees(t: TreeArrays, width: number, kind: string): void {
  const n = t.feature.length;
  const bad = () =>
    new ModelError(
      'ARTIFACT_INVALID',
      `The ${kind} trees in the artifact point outside their features or nodes.`,
    );
  if ([t.threshold, t.right, t.value].some((a) => a.length !== n) || t.roots.length === 0) {
    throw new ModelError(
      'ARTIFACT_INVALID',
      `The ${kind} trees in the artifact have arrays of different lengths or no trees.`,
    );
  }
  for (let i = 0; i < t.roots.length; i++) {
    const r = t.roots[i] as number;
    if (r < 0 || r >= n) throw bad();
  }
  for (let i = 0; i < n; i++) {
    const f = t.feature[i] as number;
    if (f >= width || f < -1) throw bad();
    const r = t.right[i] as number;
    // A split's children come after it, so walking a path always ends.
    if (f >= 0 && (r <= i + 1 || r >= n)) throw bad();
  }
}
