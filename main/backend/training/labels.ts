/**
 * Labels for training examples: did a student drop out within the horizon after a snapshot?
 * The rules keep the labels honest. Transfers are not dropouts. A student whose horizon reaches
 * past today, or who transferred out within it, has an unknown outcome and is left out, never
 * counted as staying; so is anyone who had already left by the snapshot.
 */

export interface StatusEvent {
  status: 'transferred_out' | 'dropped_out' | 'graduated' | 'returned';
  date: string;
}

export type Label = 0 | 1 | null;

/** Adds whole months to a YYYY-MM-DD date, clamping to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whether the student was enrolled (not left) on `date`, given their status history. */
export function enrolledOn(events: readonly StatusEvent[], date: string): boolean {
  let inSchool = true;
  for (const e of [...events].sort((a, b) => a.date.localeCompare(b.date))) {
    if (e.date > date) break;
    inSchool = e.status === 'returned';
  }
  return inSchool;
}

/**
 * 1 when the student dropped out in (snapshot, snapshot + horizon]; 0 when they were still in
 * school, or graduated, through the whole horizon and the horizon has passed; null otherwise.
 */
export function labelAt(
  events: readonly StatusEvent[],
  snapshot: string,
  horizonMonths: number,
  today: string,
): Label {
  if (!enrolledOn(events, snapshot)) return null;
  const end = addMonths(snapshot, horizonMonths);
  const within = [...events]
    .filter((e) => e.date > snapshot && e.date <= end)
    .sort((a, b) => a.date.localeCompare(b.date));
  for (const e of within) {
    if (e.status === 'dropped_out') return e.date <= today ? 1 : null;
    if (e.status === 'transferred_out') return null;
    if (e.status === 'graduated') return end <= today ? 0 : null;
  }
  return end <= today ? 0 : null;
}
