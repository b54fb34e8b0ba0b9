/** Today on this computer's clock as YYYY-MM-DD (not UTC, which is another day near midnight). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The school year ("2025-2026") a date falls in, for a school whose year starts in month
 * `startMonth` (1-12). A year starting in January is written with the same year twice over two
 * consecutive years ("2026-2027" from January 2026), as the contract asks.
 */
export function schoolYearOf(date: string, startMonth: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const first = month >= startMonth ? year : year - 1;
  return `${first}-${first + 1}`;
}
