import { createRng, type Rng } from '../../../models/rng';
import { addDays, demoYear, type DemoYear } from './calendar';
import { femaleNames, lastNames, maleNames } from './names';

/**
 * A seeded simulation of a school over several years, driven by a hidden risk process that
 * follows early-warning research: chronic absence, failing core subjects, suspensions and being
 * over-age for grade raise the monthly hazard of dropping out, and students drift away (absences
 * climb) in the weeks before they leave. Transfers are random and unrelated to risk. The output
 * is plain data; writer.ts saves it through the same services staff use.
 */

export interface DemoOptions {
  students: number;
  years: number;
  seed: number;
  /** The last date simulated (YYYY-MM-DD): the demo's "today". */
  today: string;
}

export interface DemoStudent {
  number: string;
  firstName: string;
  lastName: string;
  sex: 'F' | 'M';
  dateOfBirth: string;
  ethnicity: string;
  lowIncome: boolean;
  entryDate: string;
  /** The hidden propensity; never written to the database. */
  latent: number;
}

export interface DemoClass {
  key: string;
  schoolYear: string;
  name: string;
  gradeLevel: number;
}

export interface DemoEnrolment {
  student: string;
  classKey: string;
  start: string;
  end: string | null;
}

export type AttendanceStatus = 'present' | 'absent' | 'late' | 'excused';

export interface DemoRegister {
  classKey: string;
  date: string;
  entries: { student: string; status: AttendanceStatus; minutesLate?: number }[];
}

export interface DemoAssessment {
  key: string;
  classKey: string;
  schoolYear: string;
  term: string;
  subject: string;
  name: string;
  date: string;
  maxScore: number;
  weight: number;
  marks: { student: string; score: number }[];
}

export interface DemoIncident {
  student: string;
  date: string;
  category: string;
  severity: 1 | 2 | 3;
  actionTaken: string;
  suspensionDays: number;
}

export interface DemoStatusChange {
  student: string;
  status: 'transferred_out' | 'dropped_out' | 'graduated';
  date: string;
  reason: string;
}

export interface DemoSchool {
  years: DemoYear[];
  students: DemoStudent[];
  classes: DemoClass[];
  enrolments: DemoEnrolment[];
  registers: DemoRegister[];
  assessments: DemoAssessment[];
  incidents: DemoIncident[];
  statusChanges: DemoStatusChange[];
}

const GRADES = [7, 8, 9, 10, 11, 12];
const CLASS_SIZE = 30;
const CORE = ['Mathematics', 'Language'];
const SUBJECTS = [...CORE, 'Science', 'History', 'English'];
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function normal(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)] as T;

/** One student's changing state during the simulation. */
interface Live {
  s: DemoStudent;
  grade: number;
  overAge: boolean;
  repeated: boolean;
  /** Recent attendance: 1 attended, 0 absent, newest last (30 school days). */
  recent: number[];
  absentYesterday: boolean;
  suspendedUntil: string | null;
  suspendedThisYear: boolean;
  failingCore: number;
  yearMarks: number[];
  /** Set once the student has decided to leave: the date they stop coming. */
  leaving: { date: string; status: 'dropped_out' | 'transferred_out' } | null;
  classKey: string;
}

/** The school years to simulate: `years` of them, the last one containing `today`. */
function yearsUpTo(today: string, years: number): DemoYear[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const current = m >= 9 ? y : y - 1;
  return Array.from({ length: years }, (_, i) => demoYear(current - years + 1 + i)).map((year) => ({
    ...year,
    days: year.days.filter((d) => d.date <= today),
    terms: year.terms.filter((t) => t.start <= today),
  }));
}

/** Simulates the school. Same options, same school, byte for byte. */
export function simulateSchool(options: DemoOptions): DemoSchool {
  const rng = createRng(options.seed);
  const years = yearsUpTo(options.today, options.years);
  const out: DemoSchool = {
    years,
    students: [],
    classes: [],
    enrolments: [],
    registers: [],
    assessments: [],
    incidents: [],
    statusChanges: [],
  };
  let serial = 0;
  const perGrade = Math.max(1, Math.round(options.students / GRADES.length));

  const newStudent = (grade: number, entryDate: string, startYear: number): Live => {
    const latent = normal(rng);
    const sex = rng.next() < 0.5 ? 'F' : 'M';
    const overAge = rng.next() < sigmoid(-2.3 + 0.8 * latent);
    const birthYear = startYear - (grade + 6) - (overAge ? 1 + (rng.next() < 0.3 ? 1 : 0) : 0);
    const s: DemoStudent = {
      number: `D${String(++serial).padStart(5, '0')}`,
      firstName: pick(rng, sex === 'F' ? femaleNames : maleNames),
      lastName: `${pick(rng, lastNames)} ${pick(rng, lastNames)}`,
      sex,
      dateOfBirth: addDays(`${birthYear}-01-01`, rng.int(365)),
      ethnicity: pick(rng, ['A', 'A', 'A', 'B', 'B', 'C']),
      lowIncome: rng.next() < sigmoid(-0.9 + 0.6 * latent),
      entryDate,
      latent,
    };
    out.students.push(s);
    return {
      s,
      grade,
      overAge,
      repeated: false,
      recent: [],
      absentYesterday: false,
      suspendedUntil: null,
      suspendedThisYear: false,
      failingCore: 0,
      yearMarks: [],
      leaving: null,
      classKey: '',
    };
  };

  let active: Live[] = [];
  years.forEach((year, yi) => {
    const firstDay = year.days[0]?.date;
    if (!firstDay) return;
    // Intake: the whole school in the first year, then a new first grade and a few movers.
    if (yi === 0) {
      for (const g of GRADES)
        for (let i = 0; i < perGrade; i++) active.push(newStudent(g, firstDay, year.startYear));
    } else {
      for (let i = 0; i < perGrade; i++)
        active.push(newStudent(GRADES[0] ?? 7, firstDay, year.startYear));
      const movers = Math.round(perGrade * 0.05);
      for (let i = 0; i < movers; i++)
        active.push(newStudent(pick(rng, GRADES.slice(1)), firstDay, year.startYear));
    }
    // Classes of about thirty per grade.
    for (const g of GRADES) {
      const cohort = active.filter((l) => l.grade === g);
      const count = Math.max(1, Math.ceil(cohort.length / CLASS_SIZE));
      for (let c = 0; c < count; c++) {
        const name = `${g}${String.fromCharCode(65 + c)}`;
        out.classes.push({
          key: `${year.label}/${name}`,
          schoolYear: year.label,
          name,
          gradeLevel: g,
        });
      }
      cohort.forEach((l, i) => {
        l.classKey = `${year.label}/${g}${String.fromCharCode(65 + (i % count))}`;
        l.suspendedThisYear = false;
        l.yearMarks = [];
        out.enrolments.push({
          student: l.s.number,
          classKey: l.classKey,
          start: firstDay,
          end: null,
        });
      });
    }
    const enrolmentOf = new Map(
      out.enrolments.filter((e) => e.start === firstDay).map((e) => [e.student, e]),
    );

    const leave = (l: Live, date: string, status: DemoStatusChange['status'], reason: string) => {
      out.statusChanges.push({ student: l.s.number, status, date, reason });
      const e = enrolmentOf.get(l.s.number);
      if (e) e.end = addDays(date, -1) < e.start ? e.start : addDays(date, -1);
    };

    let month = firstDay.slice(0, 7);
    let termIndex = 0;
    const registers = new Map<string, DemoRegister>();
    for (const day of year.days) {
      if (day.kind !== 'school_day') continue;
      const date = day.date;
      const m = Number(date.slice(5, 7));
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      const term = year.terms[termIndex];
      if (term && date > term.end) {
        finishTerm(year, year.terms[termIndex] as DemoYear['terms'][number]);
        termIndex++;
      }
      // Monthly decisions: leaving school (driven by the hidden process) or moving away.
      if (date.slice(0, 7) !== month) {
        month = date.slice(0, 7);
        for (const l of active) {
          if (l.leaving) continue;
          const att30 = l.recent.length ? l.recent.reduce((a, b) => a + b, 0) / l.recent.length : 1;
          const hazard = sigmoid(
            -6.7 +
              0.7 * l.s.latent +
              2.0 * (att30 < 0.8 ? 1 : 0) +
              1.0 * (att30 < 0.9 ? 1 : 0) +
              0.9 * Math.min(l.failingCore, 2) +
              0.9 * (l.suspendedThisYear ? 1 : 0) +
              0.8 * (l.overAge ? 1 : 0) +
              0.6 * (l.repeated ? 1 : 0) +
              0.3 * (l.grade >= 10 ? 1 : 0),
          );
          if (rng.next() < hazard) {
            l.leaving = { date: addDays(date, 21 + rng.int(35)), status: 'dropped_out' };
          } else if (rng.next() < 0.003) {
            l.leaving = { date: addDays(date, rng.int(20)), status: 'transferred_out' };
          }
        }
      }
      for (const l of active) {
        if (l.leaving && date >= l.leaving.date) {
          leave(
            l,
            date,
            l.leaving.status,
            l.leaving.status === 'dropped_out'
              ? pick(rng, ['stopped attending', 'left to work', 'family reasons', 'disengaged'])
              : pick(rng, ['family moved', 'moved to another school']),
          );
          continue;
        }
        const suspended = l.suspendedUntil !== null && date <= l.suspendedUntil;
        const drifting = l.leaving?.status === 'dropped_out' ? 1.8 : 0;
        const logit =
          -3.3 +
          0.8 * l.s.latent +
          (l.s.lowIncome ? 0.35 : 0) +
          (l.overAge ? 0.3 : 0) +
          (m === 12 || m === 1 || m === 2 ? 0.25 : 0) +
          (weekday === 1 || weekday === 5 ? 0.15 : 0) +
          (l.absentYesterday ? 1.6 : 0) +
          drifting;
        let status: AttendanceStatus;
        let minutesLate: number | undefined;
        if (suspended || rng.next() < sigmoid(logit)) {
          status = !suspended && rng.next() < 0.25 ? 'excused' : 'absent';
        } else if (rng.next() < sigmoid(-3.1 + 0.5 * l.s.latent)) {
          status = 'late';
          minutesLate = 5 + rng.int(40);
        } else {
          status = 'present';
        }
        l.absentYesterday = status === 'absent';
        if (status !== 'excused') {
          l.recent.push(status === 'absent' ? 0 : 1);
          if (l.recent.length > 30) l.recent.shift();
        }
        let register = registers.get(l.classKey);
        if (!register || register.date !== date) {
          register = { classKey: l.classKey, date, entries: [] };
          registers.set(l.classKey, register);
          out.registers.push(register);
        }
        register.entries.push({
          student: l.s.number,
          status,
          ...(minutesLate ? { minutesLate } : {}),
        });
        // Behaviour incidents, more often and more serious for students at risk.
        if (!suspended && status !== 'absent' && rng.next() < sigmoid(-5.4 + 0.9 * l.s.latent)) {
          const r = rng.next() + 0.15 * l.s.latent;
          const severity: 1 | 2 | 3 = r > 0.93 ? 3 : r > 0.65 ? 2 : 1;
          const suspensionDays = severity === 3 ? 1 + rng.int(5) : 0;
          out.incidents.push({
            student: l.s.number,
            date,
            category: pick(rng, ['disruption', 'defiance', 'fighting', 'bullying', 'truancy']),
            severity,
            actionTaken:
              severity === 3 ? 'suspension' : pick(rng, ['warning', 'detention', 'parent meeting']),
            suspensionDays,
          });
          if (suspensionDays) {
            l.suspendedUntil = addDays(date, suspensionDays + 1);
            l.suspendedThisYear = true;
          }
        }
      }
      active = active.filter((l) => !(l.leaving && date >= l.leaving.date));
    }
    const lastTerm = year.terms[termIndex];
    const yearOver =
      year.days.length > 0 &&
      year.terms.length === 3 &&
      (year.days.at(-1)?.date ?? '') >= (year.terms[2]?.end ?? '9999');
    if (lastTerm && (year.days.at(-1)?.date ?? '') >= lastTerm.end) finishTerm(year, lastTerm);
    if (!yearOver) return;
    // End of year: graduate, repeat or move up.
    const lastDay = year.days.at(-1)?.date ?? firstDay;
    const next: Live[] = [];
    for (const l of active) {
      const e = enrolmentOf.get(l.s.number);
      if (e && e.end === null) e.end = lastDay;
      const avg = l.yearMarks.length
        ? l.yearMarks.reduce((a, b) => a + b, 0) / l.yearMarks.length
        : 0.6;
      const repeat = avg < 0.45 && rng.next() < 0.7;
      if (l.grade === 12 && !repeat) {
        out.statusChanges.push({
          student: l.s.number,
          status: 'graduated',
          date: lastDay,
          reason: 'completed grade 12',
        });
        continue;
      }
      if (repeat) l.repeated = true;
      else l.grade += 1;
      next.push(l);
    }
    active = next;

    function finishTerm(y: DemoYear, t: DemoYear['terms'][number]): void {
      // Two assessments per subject per term, marks out of 20.
      const byClass = new Map<string, Live[]>();
      for (const l of active) byClass.set(l.classKey, [...(byClass.get(l.classKey) ?? []), l]);
      for (const [classKey, members] of byClass) {
        const failing = new Map<string, number>();
        for (const subject of SUBJECTS) {
          const effect = subject === 'Mathematics' ? -0.3 : subject === 'English' ? 0.2 : 0;
          for (const [n, date] of [
            [1, addDays(t.start, 35)],
            [2, addDays(t.end, -5)],
          ] as const) {
            const marks = members.map((l) => {
              const att = l.recent.length
                ? l.recent.reduce((a, b) => a + b, 0) / l.recent.length
                : 1;
              const p = sigmoid(
                0.9 - 0.75 * l.s.latent + 4 * (att - 0.9) + effect + 0.5 * normal(rng),
              );
              const score = Math.round(p * 40) / 2;
              l.yearMarks.push(score / 20);
              if (CORE.includes(subject))
                failing.set(l.s.number, (failing.get(l.s.number) ?? 0) + (score < 10 ? 0.5 : 0));
              return { student: l.s.number, score };
            });
            out.assessments.push({
              key: `${classKey}/${t.name}/${subject}/${n}`,
              classKey,
              schoolYear: y.label,
              term: t.name,
              subject,
              name: `${subject} test ${n}`,
              date: date > t.end ? t.end : date,
              maxScore: 20,
              weight: n === 2 ? 2 : 1,
              marks,
            });
          }
        }
        for (const l of members) l.failingCore = Math.round(failing.get(l.s.number) ?? 0);
      }
    }
  });
  return out;
}
