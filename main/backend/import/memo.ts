/**
 * Remembers a pure parser's answers for the few distinct texts a column repeats (a register has
 * four marks and two hundred dates across 200,000 cells). Bounded, so junk cannot grow it.
 */
export function memo<T>(parse: (text: string) => T, max = 4096): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let v = cache.get(text);
    if (v === undefined) {
      v = parse(text);
      if (cache.size < max) cache.set(text, v);
    }
    return v;
  };
}
