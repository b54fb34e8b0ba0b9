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
    return {
      ok: false,
      reason: `"${s}" is not written YYYY-MM-DD: say which order the file's dates use (day/month/year: --date-order dmy; month/day/year: mdy)`,
    };
  }
  const [y, m, d] = order === 'dmy' ? [c, b, a] : order === 'mdy' ? [c, a, b] : [a, b, c];
  if (y.length !== 4) {
    return { ok: false, reason: `"${s}" does not have a four-digit year in ${order} order` };
  }
  return realDate(Number(y), Number(m), Number(d), s);
}
