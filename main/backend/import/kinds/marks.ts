import { ClassIndex, schoolYearText } from './class-index';
import { RowReader, type KindContext, type KindResult } from './context';
import { MarksPlanner, type MarkPart } from './marks-planner';
import { parseNumber } from '../values';
import type { SchoolLookup } from '../school-lookup';

/** The class a student is in on `date` (today when null), else their latest enrolment's. */
export function enrolledClass(lookup: SchoolLookup, today: string) {
  return (studentId: string, date: string | null): string | null => {
    const on = lookup.classOn(studentId, date ?? today);
    if (on) return on;
    const list = lookup.enrolmentsByStudent().get(studentId);
    return list?.[list.length - 1]?.classId ?? null;
  };
}

const positive = (t: string) => {
  const n = parseNumber(t);
  return n.ok && n.value <= 0 ? { ok: false as const, reason: `${n.value} is not above 0` } : n;
};

/**
 * Validates a marks file: one row per mark (student, subject, assessment, term, score, maximum),
 * or, with mark columns in the mapping, one row per student and one column per assessment.
 */
export function prepareMarks(ctx: KindContext): MarksPlanner {
  const planner = new MarksPlanner(ctx, new ClassIndex(ctx), enrolledClass(ctx.lookup, ctx.today));
  const fieldOf: Record<MarkPart, string> = {
    class: 'class',
    term: 'term',
    subject: 'subject',
    maximum: 'maximum',
    weight: 'weight',
    score: 'score',
    date: 'date',
  };
  for (const row of ctx.table.rows) {
    const r = new RowReader(ctx, row);
    const student = r.student();
    const className = r.text('class')?.trim() || null;
    if (className) r.safe('class', className);
    const yearText = r.text('school_year')?.trim() || null;
    const schoolYear = yearText === null ? null : schoolYearText(yearText);
    if (yearText !== null && schoolYear === null) {
      r.reject('school_year', `"${yearText}" is not a school year like 2025-2026`);
    }
    const date = r.date('date') ?? null;
    if (ctx.mapping.marks.length > 0) {
      if (!r.ok || !student) continue;
      for (const c of ctx.mapping.marks) {
        const cell = (row.cells[c.index] ?? '').trim();
        if (cell === '') continue;
        planner.add({
          row: row.row,
          studentId: student.id,
          studentNumber: student.number,
          className,
          schoolYear,
          subject: c.subject,
          assessment: c.assessment ?? c.column,
          term: c.term ?? null,
          scoreText: cell,
          maximum: c.maximum,
          weight: c.weight ?? null,
          date: c.date ?? date,
          blame: (part, reason) =>
            part === 'class'
              ? r.reject('class', reason)
              : ctx.rejections.add(row.row, c.column, cell, reason),
        });
      }
      continue;
    }
    const subject = r.required('subject');
    const scoreText = r.required('score');
    const maximum = r.parsed('maximum', positive) ?? null;
    const weight = r.parsed('weight', positive) ?? null;
    const assessment = r.text('assessment')?.trim() || null;
    if (assessment) r.safe('assessment', assessment);
    const term = r.text('term')?.trim() || null;
    if (term) r.safe('term', term);
    if (!r.ok || !student || !subject || scoreText === null) continue;
    planner.add({
      row: row.row,
      studentId: student.id,
      studentNumber: student.number,
      className,
      schoolYear,
      subject,
      assessment,
      term,
      scoreText,
      maximum,
      weight,
      date,
      blame: (part, reason) => r.reject(fieldOf[part], reason),
    });
  }
  return planner;
}

/** Writes what prepareMarks planned. */
export const writeMarks = (planner: MarksPlanner): KindResult => planner.write();
