import type { Db } from '../../../db';
import { setCalendarDays } from '../services/calendar';
import { createClass } from '../services/classes';
import { endEnrolment, enrolStudent } from '../services/enrolments';
import { createAssessment } from '../services/assessments';
import { createIncident } from '../services/incidents';
import { createIntervention } from '../services/interventions';
import { saveMarks } from '../services/marks';
import { saveRegister } from '../services/register';
import type { Actor } from '../services/records-support';
import { changeStudentStatus } from '../services/student-status';
import { createStudent } from '../services/students';
import { createTerm } from '../services/terms';
import type { DemoSchool } from './simulate';

export interface WriteProgress {
  stage: string;
  done: number;
  total: number;
  /** The school day just written (YYYY-MM-DD). */
  date: string;
}

export interface WrittenDemo {
  students: number;
  classes: number;
  registers: number;
  attendance: number;
  assessments: number;
  incidents: number;
  statusChanges: number;
}

/**
 * Saves a simulated school through the same services staff use, in date order, so every row
 * carries its audit entry, outbox entry and up-to-date features exactly as if typed in. Each
 * school day is one transaction: an interrupted load keeps whole days.
 */
export function writeDemoSchool(
  db: Db,
  actor: Actor,
  demo: DemoSchool,
  onProgress: (p: WriteProgress) => void = () => {},
): WrittenDemo {
  const days = writeDemoDays(db, actor, demo);
  for (;;) {
    const step = days.next();
    if (step.done) return step.value;
    onProgress(step.value);
  }
}

/**
 * The same load one school day at a time: each `next()` writes one day in its own transaction
 * (run through `runDay`, so the caller can wrap it) and yields the progress; the generator
 * returns the totals. A caller that must keep an event loop responsive (the app's 'demo' job)
 * gives it a turn between days.
 */
export function* writeDemoDays(
  db: Db,
  actor: Actor,
  demo: DemoSchool,
  runDay: (write: () => void) => void = (write) => write(),
): Generator<WriteProgress, WrittenDemo, void> {
  const classIds = new Map<string, string>();
  const studentIds = new Map<string, string>();
  const openEnrolment = new Map<string, string>();
  const termIds = new Map<string, string>();
  const latent = new Map(demo.students.map((s) => [s.number, s]));
  const created = new Set<string>();
  let attendance = 0;

  // Everything that happens on a date, in the order staff would record it.
  type Event = { at: string; order: number; run: () => void };
  const events: Event[] = [];
  const push = (at: string, order: number, run: () => void) => events.push({ at, order, run });

  for (const year of demo.years) {
    const first = year.days[0]?.date;
    if (!first) continue;
    push(first, 0, () => {
      for (const term of year.terms) {
        setCalendarDays(db, actor, { from: term.start, to: term.end, kind: 'school_day' });
        termIds.set(
          `${year.label}/${term.name}`,
          createTerm(db, actor, {
            schoolYear: year.label,
            name: term.name,
            startDate: term.start,
            endDate: term.end,
          }).id,
        );
      }
      for (const day of year.days.filter((d) => d.kind === 'holiday')) {
        setCalendarDays(db, actor, {
          from: day.date,
          to: day.date,
          kind: 'holiday',
          note: 'public holiday',
        });
      }
      for (const c of demo.classes.filter((x) => x.schoolYear === year.label)) {
        classIds.set(
          c.key,
          createClass(db, actor, {
            schoolYear: c.schoolYear,
            name: c.name,
            gradeLevel: c.gradeLevel,
          }),
        );
      }
    });
  }
  for (const e of demo.enrolments) {
    push(e.start, 1, () => {
      const s = latent.get(e.student);
      if (s && !created.has(s.number)) {
        created.add(s.number);
        const cls = demo.classes.find((c) => c.key === e.classKey);
        studentIds.set(
          s.number,
          createStudent(db, actor, {
            studentNumber: s.number,
            firstName: s.firstName,
            lastName: s.lastName,
            sex: s.sex,
            dateOfBirth: s.dateOfBirth,
            gradeLevel: cls?.gradeLevel ?? null,
            entryDate: s.entryDate,
            ethnicity: s.ethnicity,
            lowIncome: s.lowIncome,
          }),
        );
      }
      const result = enrolStudent(db, actor, {
        studentId: studentIds.get(e.student) as string,
        classId: classIds.get(e.classKey) as string,
        startDate: e.start,
      });
      openEnrolment.set(e.student, result.enrolment.id);
    });
  }
  for (const r of demo.registers) {
    push(r.date, 2, () => {
      saveRegister(db, actor, {
        classId: classIds.get(r.classKey) as string,
        date: r.date,
        entries: r.entries.map((x) => ({
          studentId: studentIds.get(x.student) as string,
          status: x.status,
          ...(x.minutesLate ? { minutesLate: x.minutesLate } : {}),
        })),
      });
      attendance += r.entries.length;
    });
  }
  for (const i of demo.incidents) {
    push(i.date, 3, () =>
      createIncident(db, actor, {
        studentId: studentIds.get(i.student) as string,
        date: i.date,
        category: i.category,
        severity: i.severity,
        actionTaken: i.actionTaken,
        suspensionDays: i.suspensionDays,
      }),
    );
  }
  for (const a of demo.assessments) {
    push(a.date, 4, () => {
      const assessment = createAssessment(db, actor, {
        classId: classIds.get(a.classKey) as string,
        termId: termIds.get(`${a.schoolYear}/${a.term}`) ?? null,
        subject: a.subject,
        name: a.name,
        date: a.date,
        maxScore: a.maxScore,
        weight: a.weight,
      });
      // Students who left before the assessment's date have no mark.
      const entries = a.marks
        .filter((m) => openEnrolment.has(m.student))
        .map((m) => ({ studentId: studentIds.get(m.student) as string, score: m.score }));
      if (entries.length) saveMarks(db, actor, { assessmentId: assessment.id, entries });
    });
  }
  for (const c of demo.statusChanges) {
    push(c.date, 5, () => {
      changeStudentStatus(db, actor, {
        studentId: studentIds.get(c.student) as string,
        status: c.status,
        effectiveDate: c.date,
        reason: c.reason,
      });
      openEnrolment.delete(c.student);
    });
  }
  // End of each school year: close the enrolments still open, as the office does in June.
  for (const year of demo.years) {
    const last = year.terms.at(-1);
    if (!last || (year.days.at(-1)?.date ?? '') < last.end) continue;
    push(last.end, 6, () => {
      for (const [student, enrolmentId] of openEnrolment) {
        endEnrolment(db, actor, { enrolmentId, endDate: last.end });
        openEnrolment.delete(student);
      }
    });
  }
  // A few interventions for the students staff would already be worried about.
  const finalDay = demo.years.at(-1)?.days.at(-1)?.date;
  if (finalDay) {
    push(finalDay, 7, () => {
      const worried = [...openEnrolment.keys()]
        .map((n) => latent.get(n))
        .filter((s) => s !== undefined)
        .sort((a, b) => b.latent - a.latent)
        .slice(0, Math.max(1, Math.round(openEnrolment.size * 0.03)));
      for (const s of worried) {
        createIntervention(db, actor, {
          studentId: studentIds.get(s.number) as string,
          type: 'mentoring',
          startDate: finalDay,
          status: 'active',
        });
      }
    });
  }

  events.sort((a, b) => (a.at === b.at ? a.order - b.order : a.at < b.at ? -1 : 1));
  let i = 0;
  while (i < events.length) {
    const day = events[i]?.at ?? '';
    let j = i;
    while (j < events.length && events[j]?.at === day) j++;
    const batch = events.slice(i, j);
    runDay(db.transaction(() => batch.forEach((e) => e.run())));
    i = j;
    yield { stage: 'writing', done: i, total: events.length, date: day };
  }
  return {
    students: studentIds.size,
    classes: classIds.size,
    registers: demo.registers.length,
    attendance,
    assessments: demo.assessments.length,
    incidents: demo.incidents.length,
    statusChanges: demo.statusChanges.length,
  };
}
