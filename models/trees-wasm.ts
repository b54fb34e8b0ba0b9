import type { BoostingSpec, ForestSpec } from './model-spec';

/**
 * The partitioned tree sums of trees-eval.ts (each split divides the row numbers that reached
 * it into left and right, a leaf adds its value to its rows) as a WebAssembly function, emitted
 * here byte by byte: no toolchain, no code from the artifact. The artifact's trees are copied
 * into the module's memory as data (typed arrays, checked by checkTrees when decoded); the code
 * is the same for every model apart from where those arrays start, which this file computes.
 * Same comparisons (f64 `<=`, NaN goes right) and the same additions in the same order per row
 * (tree by tree, from 0), so the sums are bit-identical to the JavaScript path (a test).
 */
export interface WasmTreeSums {
  /** Leaf-value sums of `rows` row-major encoded rows of `x` (`width` apart) into `out`. */
  (x: Float64Array, rows: number, out: Float64Array): void;
}

const page = 65536;

/** Compiles the sums for a tree set, or answers null where WebAssembly is unavailable. */
export function wasmTreeSums(
  spec: ForestSpec | BoostingSpec,
  width: number,
  deepest: number,
): WasmTreeSums | null {
  if (typeof WebAssembly !== 'object') return null;
  const { roots, feature, threshold, right, value } = spec.trees;
  const n = feature.length;
  const trees = roots.length;
  // Fixed part of memory: the float arrays first (8-byte aligned), then the int arrays.
  const thr = 0;
  const val = thr + 8 * n;
  const feat = val + 8 * n;
  const rgt = feat + 4 * n;
  const rts = rgt + 4 * n;
  const stack = align8(rts + 4 * trees);
  const fixed = align8(stack + 16 * (deepest + 2));
  let memory: WebAssembly.Memory;
  let run: (
    rows: number,
    cols: number,
    ident: number,
    even: number,
    odd: number,
    out: number,
  ) => void;
  try {
    memory = new WebAssembly.Memory({ initial: Math.ceil(fixed / page) + 1 });
    const module = new WebAssembly.Module(emitModule({ thr, val, feat, rgt, rts, stack, trees }));
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    run = instance.exports.run as typeof run;
  } catch {
    return null;
  }
  const load = () => {
    const buf = memory.buffer;
    new Float64Array(buf, thr, n).set(threshold);
    new Float64Array(buf, val, n).set(value);
    new Int32Array(buf, feat, n).set(feature);
    new Int32Array(buf, rgt, n).set(right);
    new Int32Array(buf, rts, trees).set(roots);
  };
  load();
  return (x, rows, out) => {
    const cols = fixed;
    const ident = cols + 8 * rows * width;
    const even = ident + 4 * rows;
    const odd = even + 4 * rows;
    const sums = align8(odd + 4 * rows);
    const need = sums + 8 * rows;
    if (need > memory.buffer.byteLength)
      memory.grow(Math.ceil((need - memory.buffer.byteLength) / page));
    const columns = new Float64Array(memory.buffer, cols, rows * width);
    for (let r = 0; r < rows; r++)
      for (let f = 0, at = r * width; f < width; f++) columns[f * rows + r] = x[at + f] as number;
    const result = new Float64Array(memory.buffer, sums, rows);
    result.fill(0);
    run(rows, cols, ident, even, odd, sums);
    out.set(result);
  };
}

const align8 = (v: number) => (v + 7) & ~7;

// Opcodes used below.
const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  f64Load: 0x2b,
  i32Store: 0x36,
  f64Store: 0x39,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32Eq: 0x46,
  i32LtS: 0x48,
  i32GeU: 0x4f,
  i32LeU: 0x4d,
  i32LtU: 0x49,
  f64Le: 0x65,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32And: 0x71,
  i32Shl: 0x74,
  i32ShrU: 0x76,
  f64Add: 0xa0,
  select: 0x1b,
  void: 0x40,
} as const;

function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
}

function sleb(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && !(b & 0x40)) || (v === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

interface Layout {
  thr: number;
  val: number;
  feat: number;
  rgt: number;
  rts: number;
  stack: number;
  trees: number;
}

/** The module: imports env.memory, exports run(rows, cols, ident, even, odd, out). */
function emitModule(l: Layout): Uint8Array<ArrayBuffer> {
  const i32 = 0x7f;
  const f64 = 0x7c;
  // Parameters 0-5, then the locals.
  const [rows, cols, ident, even, odd, out] = [0, 1, 2, 3, 4, 5];
  const [t, sp, i, start, end, d, from, to, f, k, r, left, rend, le, col, stop] = [
    6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
  ];
  const [th, v] = [22, 23];
  const get = (x: number) => [op.localGet, x];
  const set = (x: number) => [op.localSet, x];
  const c = (x: number) => [op.i32Const, ...sleb(x)];
  const ld = (offset = 0) => [op.i32Load, 2, ...uleb(offset)];
  const st = (offset = 0) => [op.i32Store, 2, ...uleb(offset)];
  const fld = [op.f64Load, 3, 0];
  const fst = [op.f64Store, 3, 0];
  // base + (index << shift)
  const at = (base: number[], index: number[], shift: number) => [
    ...base,
    ...index,
    ...c(shift),
    op.i32Shl,
    op.i32Add,
  ];
  const inc = (x: number, by = 1) => [...get(x), ...c(by), op.i32Add, ...set(x)];
  // for (x = 0; x < limit; x++) body
  const forUp = (x: number, limit: number[], body: number[]) => [
    ...c(0),
    ...set(x),
    op.block,
    op.void,
    op.loop,
    op.void,
    ...get(x),
    ...limit,
    op.i32GeU,
    op.brIf,
    1,
    ...body,
    ...inc(x),
    op.br,
    0,
    op.end,
    op.end,
  ];
  // do { body; p += 4 } while (p < stop), over pointers into a row list
  const eachRow = (p: number, body: number[]) => [
    op.loop,
    op.void,
    ...body,
    ...inc(p, 4),
    ...get(p),
    ...get(stop),
    op.i32LtU,
    op.brIf,
    0,
    op.end,
  ];
  // A pending node on the stack at `address`: its index, first and end positions, and depth.
  const entry = (address: number[], fields: number[][]) =>
    fields.flatMap((field, n) => [...address, ...field, ...st(4 * n)]);
  // d & 1 ? odd : even, and the other way round
  const parity = (odd: number, even: number) => [
    ...get(odd),
    ...get(even),
    ...get(d),
    ...c(1),
    op.i32And,
    op.select,
  ];

  const code = [
    // ident[k] = 8k for every row, once: rows are kept as byte offsets into a column, and
    // every root reads them from here (depth 0), so no tree has to renumber them
    ...forUp(k, get(rows), [...at(get(ident), get(k), 2), ...get(k), ...c(3), op.i32Shl, ...st()]),
    ...forUp(t, c(l.trees), [
      ...entry(c(l.stack), [[...at(c(l.rts), get(t), 2), ...ld()], c(0), get(rows), c(0)]),
      ...c(l.stack + 16),
      ...set(sp),
      op.block,
      op.void,
      op.loop,
      op.void,
      // while the stack holds a node: pop it
      ...get(sp),
      ...c(l.stack),
      op.i32LeU,
      op.brIf,
      1,
      ...get(sp),
      ...c(16),
      op.i32Sub,
      op.localTee,
      sp,
      ...ld(0),
      ...set(i),
      ...get(sp),
      ...ld(4),
      ...set(start),
      ...get(sp),
      ...ld(8),
      ...set(end),
      ...get(sp),
      ...ld(12),
      ...set(d),
      // no rows: skip the node and its subtree
      ...get(start),
      ...get(end),
      op.i32Eq,
      op.brIf,
      0,
      // depth 0 reads ident, then odd and even depths alternate
      ...parity(odd, even),
      ...get(ident),
      ...get(d),
      op.select,
      ...set(from),
      ...parity(even, odd),
      ...set(to),
      ...at(get(from), get(start), 2),
      ...set(k),
      ...at(get(from), get(end), 2),
      ...set(stop),
      ...at(c(l.feat), get(i), 2),
      ...ld(),
      op.localTee,
      f,
      ...c(0),
      op.i32LtS,
      op.if,
      op.void,
      // a leaf: out[row] += value[i] for its rows
      ...at(c(l.val), get(i), 3),
      ...fld,
      op.localSet,
      v,
      ...eachRow(k, [
        ...get(out),
        ...get(k),
        ...ld(),
        op.i32Add,
        op.localTee,
        r,
        ...get(r),
        ...fld,
        op.localGet,
        v,
        op.f64Add,
        ...fst,
      ]),
      op.br,
      1,
      op.end,
      // a split: partition its rows by column f against threshold[i], with pointers: k reads
      // `from`, left writes `to` upwards from start, rend downwards from end - 1
      ...at(c(l.thr), get(i), 3),
      ...fld,
      op.localSet,
      th,
      ...get(cols),
      ...get(f),
      ...get(rows),
      op.i32Mul,
      ...c(3),
      op.i32Shl,
      op.i32Add,
      ...set(col),
      ...at(get(to), get(start), 2),
      ...set(left),
      ...at(get(to), get(end), 2),
      ...c(4),
      op.i32Sub,
      ...set(rend),
      ...eachRow(k, [
        ...get(k),
        ...ld(),
        ...set(r),
        ...get(col),
        ...get(r),
        op.i32Add,
        ...fld,
        op.localGet,
        th,
        op.f64Le,
        ...c(2),
        op.i32Shl,
        ...set(le),
        ...get(left),
        ...get(r),
        ...st(),
        ...get(rend),
        ...get(r),
        ...st(),
        ...get(left),
        ...get(le),
        op.i32Add,
        ...set(left),
        ...get(rend),
        ...get(le),
        op.i32Add,
        ...c(4),
        op.i32Sub,
        ...set(rend),
      ]),
      // back from a pointer to a position: left = (left - to) / 4
      ...get(left),
      ...get(to),
      op.i32Sub,
      ...c(2),
      op.i32ShrU,
      ...set(left),
      ...get(d),
      ...c(1),
      op.i32Add,
      ...set(d),
      // push the right child (right[i], left, end) under the left one (i + 1, start, left)
      ...entry(get(sp), [[...at(c(l.rgt), get(i), 2), ...ld()], get(left), get(end), get(d)]),
      ...get(sp),
      ...c(16),
      op.i32Add,
      ...set(sp),
      ...entry(get(sp), [[...get(i), ...c(1), op.i32Add], get(start), get(left), get(d)]),
      ...inc(sp, 16),
      op.br,
      0,
      op.end,
      op.end,
    ]),
    op.end,
  ];
  const locals = vec([
    [16, i32],
    [2, f64],
  ]);
  const body = [...locals, ...code];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, ...vec([[i32], [i32], [i32], [i32], [i32], [i32]]), 0]])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec([[0]])),
    ...section(7, vec([[...name('run'), 0x00, 0]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ];
  return Uint8Array.from(bytes);
}
