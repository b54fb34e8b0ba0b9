/**
 * The school year ("2025-2026") a date falls in, for a school whose year starts in month
 * `startMonth` (1-12). A year that starts in January is still written as two consecutive years
 * ("2026-2027" from January 2026), as the contract's schoolYear rule requires.
 */
export function schoolYearOf(date: string, startMonth: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const first = month >= startMonth ? year : year - 1;
  return `${first}-${first + 1}`;
}
