/**
 * Joins per-domain handler maps, refusing a request name claimed twice: with a plain spread the
 * later domain would silently win.
 */
export function mergeHandlerMaps<T extends object[]>(...maps: T): UnionToIntersection<T[number]> {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [name, handler] of Object.entries(map)) {
      if (name in merged) throw new Error(`Two handler maps both handle the request "${name}"`);
      merged[name] = handler;
    }
  }
  return merged as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (
  i: infer I,
) => void
  ? I
  : never;
