import { describe, expect, it } from 'vitest';
import { simulateSchool, type DemoSchool } from '../../main/backend/demo/simulate';

const options = { students: 180, years: 2, seed: 7, today: '2026-03-15' };

describe('the demo school simulation', () => {
  const school: DemoSchool = simulateSchool(options);

  it('is reproducible from its seed, and another seed gives another school', () => {
    expect(JSON.stringify(simulateSchool(options))).toBe(JSON.stringify(school));
    expect(simulateSchool({ ...options, seed: 8 }).students[0]).not.toEqual(school.students[0]);
  });

  it('takes registers on school days only, up to today', () => {
    const schoolDays = new Set(
      school.years.flatMap((y) => y.days.filter((d) => d.kind === 'school_day').map((d) => d.date)),
    );
    expect(school.registers.length).toBeGreaterThan(0);
    expect(school.registers.every((r) => schoolDays.has(r.date) && r.date <= options.today)).toBe(
      true,
    );
  });

  it('records nobody after they left, and each student once per day', () => {
    const left = new Map(
      school.statusChanges.filter((c) => c.status !== 'graduated').map((c) => [c.student, c.date]),
    );
    const seen = new Set<string>();
    for (const r of school.registers) {
      for (const e of r.entries) {
        const leftOn = left.get(e.student);
        expect(leftOn === undefined || r.date < leftOn).toBe(true);
        const key = `${e.student} ${r.date}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
    }
  });

  it('keeps marks within their maximum and severities within 1-3', () => {
    for (const a of school.assessments) {
      for (const m of a.marks) expect(m.score >= 0 && m.score <= a.maxScore).toBe(true);
    }
    expect(school.incidents.every((i) => i.severity >= 1 && i.severity <= 3)).toBe(true);
  });

  it('drives dropout by the hidden risk, and transfers not', () => {
    const latent = new Map(school.students.map((s) => [s.number, s.latent]));
    const mean = (status: string) => {
      const xs = school.statusChanges
        .filter((c) => c.status === status)
        .map((c) => latent.get(c.student) ?? 0);
      return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    };
    const dropped = school.statusChanges.filter((c) => c.status === 'dropped_out');
    expect(dropped.length).toBeGreaterThan(3);
    expect(mean('dropped_out')).toBeGreaterThan(0.5);
    expect(Math.abs(mean('transferred_out'))).toBeLessThan(mean('dropped_out'));
  });
});
