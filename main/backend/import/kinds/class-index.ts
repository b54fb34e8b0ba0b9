import { newId } from '../../../../db';
import { normaliseName } from '../normalise';
import type { KnownClass } from '../school-lookup';
import type { KindContext } from './context';

const YEAR = /^(\d{4})\s*[-/]\s*(\d{4})$/;

/** "2025-2026" from "2025/2026" or "2025 - 2026"; null when the years do not follow. */
export function schoolYearText(text: string): string | null {
  const m = YEAR.exec(text.trim());
  if (!m || Number(m[2]) !== Number(m[1]) + 1) return null;
  return `${m[1]}-${m[2]}`;
}

/** The school year `date` falls in, for a school whose year starts in `startMonth`. */
export function schoolYearOf(date: string, startMonth: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const first = m >= startMonth ? y : y - 1;
  return `${first}-${first + 1}`;
}

/** The first and last day of a school year. */
export function schoolYearBounds(year: string, startMonth: number): { from: string; to: string } {
  const first = Number(year.slice(0, 4));
  const mm = String(startMonth).padStart(2, '0');
  const from = `${first}-${mm}-01`;
  const end = new Date(`${first + 1}-${mm}-01T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  return { from, to: end.toISOString().slice(0, 10) };
}

/** The school's classes plus those this file creates, found by name (and year). */
export class ClassIndex {
  readonly planned: (KnownClass & { row: number })[] = [];

  constructor(private readonly ctx: KindContext) {}

  private all(): KnownClass[] {
    return [...this.ctx.lookup.classes(), ...this.planned];
  }

  /** Classes with this name (matched ignoring case and accents), in one year or any. */
  find(name: string, year: string | null): KnownClass[] {
    const n = normaliseName(name);
    return this.all().filter(
      (c) => normaliseName(c.name) === n && (year === null || c.schoolYear === year),
    );
  }

  byId(id: string): KnownClass | undefined {
    return this.all().find((c) => c.id === id);
  }

  /** Plans a new class, created when the file is written. */
  plan(name: string, year: string, row: number): KnownClass {
    const c = { id: newId(), name, schoolYear: year, row };
    this.planned.push(c);
    return c;
  }
}
