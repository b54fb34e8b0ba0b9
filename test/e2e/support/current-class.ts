import type { Backend } from '../../../main/backend/backend';
import { inProcessApi, systemSession } from '../../../main/backend/transport/in-process';
import { addClass, addStudents, ok } from '../../support/school';

export const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The school year holding today, on this computer's calendar (the page's own "today"). */
export function currentYear(): { schoolYear: string; from: string; today: string } {
  const now = new Date();
  const start = now.getMonth() >= 7 ? now.getFullYear() : now.getFullYear() - 1;
  return { schoolYear: `${start}-${start + 1}`, from: `${start}-09-01`, today: isoDay(now) };
}

/**
 * A class of `size` students named "PupilNN <name>-NN", enrolled since the start of this school
 * year, every day of which (weekends too, so specs run on any day) is a school day. Built with
 * the records fixtures (test/support/records-school.ts) through the system actor.
 */
export async function seedCurrentClass(
  backend: Backend,
  name: string,
  size: number,
  teacherId?: string,
) {
  const api = inProcessApi(backend, systemSession);
  const { schoolYear, from, today } = currentYear();
  ok(
    await api.setCalendarDays({
      from,
      to: today,
      kind: 'school_day',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
    }),
  );
  const names = Array.from({ length: size }, (_, i) => `Pupil${pad(i + 1)} ${name}-${pad(i + 1)}`);
  const students = await addStudents(api, names, `${name}-`);
  const classId = await addClass(api, name, students, teacherId ?? null, schoolYear);
  return { api, classId, students, today, from };
}
