export type DateOrder = 'dmy' | 'mdy' | 'ymd';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const pad = (n: number) => String(n).padStart(2, '0');

function realDate(y: number, m: number, d: number, text: string): Parsed<string> {
  const iso = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  const t = new Date(`${iso}T00:00:00Z`);
  if (m < 1 || m > 12 || d < 1 || Number.isNaN(t.getTime()) || !t.toISOString().startsWith(iso)) {
    return { ok: false, reason: `"${text}" is not a real calendar date` };
  }
  if (y < 1900 || y > 2200) return { ok: false, reason: `"${text}" has an unlikely year ${y}` };
  return { ok: true, value: iso };
}

/**
 * Reads a date as the user wrote it. ISO (YYYY-MM-DD, or a spreadsheet's midnight timestamp) is
 * always understood; 15/09/2025, 09-15-2025 or 2025.09.15 only in the order the user names,
 * because 03/04/2025 means different days in different countries. Years have four digits.
 */
export function parseDate(text: string, order: DateOrder | undefined): Parsed<string> {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T00:00(?::00(?:\.0+)?)?Z?)?$/.exec(s);
  if (iso) return realDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), s);
  const parts = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$/.exec(s);
  if (!parts) return { ok: false, reason: `"${s}" is not a date` };
  const [a, b, c] = [parts[1] as string, parts[2] as string, parts[3] as string];
  if (!order) {
    // Without an order the file's other dates did not settle one: this date fits none, since
    // inferDateOrder would have chosen or asked for an order had it fitted one.
    const fits = (['dmy', 'mdy', 'ymd'] as const).some((o) => parseDate(s, o).ok);
    return {
      ok: false,
      reason: fits
        ? `"${s}" is not written YYYY-MM-DD: say which order the file's dates use (day/month/year: --date-order dmy; month/day/year: mdy)`
        : `"${s}" is not a real calendar date in any order (day/month/year, month/day/year or year/month/day)`,
    };
  }
  const [y, m, d] = order === 'dmy' ? [c, b, a] : order === 'mdy' ? [c, a, b] : [a, b, c];
  if (y.length !== 4) {
    return { ok: false, reason: `"${s}" does not have a four-digit year in ${order} order` };
  }
  return realDate(Number(y), Number(m), Number(d), s);
}

const ORDERS: readonly DateOrder[] = ['dmy', 'mdy', 'ymd'];
const ISO_LIKE = /^\d{4}-\d{1,2}-\d{1,2}(?:T00:00(?::00(?:\.0+)?)?Z?)?$/;
const orderWords: Record<DateOrder, string> = {
  dmy: 'day/month/year',
  mdy: 'month/day/year',
  ymd: 'year/month/day',
};
const wordsFor = (orders: readonly DateOrder[]) => orders.map((o) => orderWords[o]).join(' or ');

/** The order a file's dates are written in, when they say so themselves; or why they do not. */
export interface DateOrderGuess {
  order?: DateOrder;
  problem?: string;
}

/**
 * Reads the date order from the dates themselves: 14/03/2011 can only be day/month/year, so a
 * file where every date fits one order uses it. ISO dates need no order; a value that fits no
 * order is left for its row to refuse. Only a file whose dates all fit two orders (03/04/2025)
 * must be told, and one whose dates need different orders is refused, naming two of them.
 */
export function inferDateOrder(texts: Iterable<string>): DateOrderGuess {
  let fits: readonly DateOrder[] = ORDERS;
  let witness: string | null = null;
  let example: string | null = null;
  const seen = new Set<string>();
  for (const text of texts) {
    const s = text.trim();
    if (s === '' || ISO_LIKE.test(s) || seen.has(s)) continue;
    seen.add(s);
    const ok = ORDERS.filter((o) => parseDate(s, o).ok);
    if (ok.length === 0) continue;
    example ??= s;
    const next = fits.filter((o) => ok.includes(o));
    if (next.length === 0) {
      return {
        problem:
          `The file's dates are written in different orders: "${s}" can only be ${wordsFor(ok)}, ` +
          `but "${witness ?? example}" can only be ${wordsFor(fits)}. Write them one way, or ` +
          'as YYYY-MM-DD.',
      };
    }
    if (next.length < fits.length) witness = s;
    fits = next;
  }
  if (example === null) return {};
  if (fits.length === 1) return { order: fits[0] as DateOrder };
  return {
    problem:
      `Every date in the file, such as "${example}", can be read as ${wordsFor(fits)}: say ` +
      "which the file uses (--date-order dmy or mdy; dateOrder in the mapping's options).",
  };
}
