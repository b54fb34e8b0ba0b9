import { dateProblem } from '../../services/date-bounds';
import { newId } from '../../../../db';
import { normaliseName } from '../normalise';
import { KeySeen } from '../problems';
import { TableWriter, type ExistingRow } from '../table-writer';
import { parseNumber } from '../values';
import type { ClassIndex } from './class-index';
import type { KindContext, KindResult } from './context';

/** Which part of a mark a problem is about, so the caller can name the right column. */
export type MarkPart = 'class' | 'term' | 'subject' | 'maximum' | 'weight' | 'score' | 'date';

/** One mark as a file states it, before its class, term and assessment are known. */
export interface MarkInput {
  row: number;
  studentId: string;
  studentNumber: string;
  className: string | null;
  schoolYear: string | null;
  subject: string;
  assessment: string | null;
  term: string | null;
  scoreText: string;
  maximum: number | null;
  weight: number | null;
  date: string | null;
  blame(part: MarkPart, reason: string): void;
}

interface AssessmentRow {
  id: string;
  classId: string;
  termId: string | null;
  subject: string;
  name: string;
  date: string | null;
  maximum: number;
  weight: number;
  /** The row that creates it, when this file does. */
  plannedOn: number | null;
}

interface PlannedMark {
  studentId: string;
  assessmentId: string;
  score: number;
}

const assessmentKey = (classId: string, subject: string, name: string, termId: string | null) =>
  `${classId}|${normaliseName(subject)}|${normaliseName(name)}|${termId ?? ''}`;

/**
 * Turns marks as files state them (a student, a subject, an assessment name, a term) into marks
 * on assessments: finds each assessment in the student's class, or plans it when the file gives
 * its maximum. Refuses a score above the maximum (naming it), a maximum that contradicts the
 * recorded one, and the same mark twice.
 */
export class MarksPlanner {
  readonly marks: PlannedMark[] = [];
  private readonly assessments = new Map<string, AssessmentRow>();
  private readonly loadedClasses = new Set<string>();
  private readonly seen = new KeySeen();
  private readonly used = new Set<string>();

  constructor(
    private readonly ctx: KindContext,
    private readonly classes: ClassIndex,
    /** The class a student is enrolled in on a date (or now, when null). */
    private readonly enrolledIn: (studentId: string, date: string | null) => string | null,
  ) {}

  private loadClass(classId: string): void {
    if (this.loadedClasses.has(classId)) return;
    this.loadedClasses.add(classId);
    const rows = this.ctx.db
      .prepare(
        `SELECT id, class_id, term_id, subject, name, date, max_score, weight FROM assessments
         WHERE school_id = ? AND class_id = ? AND deleted_at IS NULL ORDER BY created_at`,
      )
      .all(this.ctx.actor.schoolId, classId) as {
      id: string;
      class_id: string;
      term_id: string | null;
      subject: string;
      name: string;
      date: string | null;
      max_score: number;
      weight: number;
    }[];
    for (const r of rows) {
      const key = assessmentKey(r.class_id, r.subject, r.name, r.term_id);
      if (this.assessments.has(key)) continue;
      this.assessments.set(key, {
        id: r.id,
        classId: r.class_id,
        termId: r.term_id,
        subject: r.subject,
        name: r.name,
        date: r.date,
        maximum: r.max_score,
        weight: r.weight,
        plannedOn: null,
      });
    }
  }

  private resolveClass(m: MarkInput): string | null {
    if (m.className) {
      const found = this.classes.find(m.className, m.schoolYear);
      if (found.length === 1) return (found[0] as { id: string }).id;
      const where = m.schoolYear ? ` in ${m.schoolYear}` : '';
      m.blame(
        'class',
        found.length === 0
          ? `no class named ${m.className}${where}`
          : `there are classes named ${m.className} in ${found.map((c) => c.schoolYear).join(' and ')}: add a school_year column`,
      );
      return null;
    }
    const classId = this.enrolledIn(m.studentId, m.date);
    if (!classId) {
      m.blame(
        'class',
        `student ${m.studentNumber} is not enrolled in a class${m.date ? ` on ${m.date}` : ''}: add a class column or enrol them first`,
      );
    }
    return classId;
  }

  private resolveTerm(m: MarkInput, classId: string): string | null | undefined {
    if (!m.term) return null;
    const year = this.classes.byId(classId)?.schoolYear;
    const n = normaliseName(m.term);
    const terms = this.ctx.lookup.terms().filter((t) => t.schoolYear === year);
    const term = terms.find((t) => normaliseName(t.name) === n);
    if (!term) {
      const names = terms.map((t) => t.name).join(', ') || 'none set up';
      m.blame('term', `no term named ${m.term} in ${year} (terms: ${names})`);
      return undefined;
    }
    return term.id;
  }

  /** Plans one mark; false (and the problem recorded) when it cannot be imported. */
  add(m: MarkInput): boolean {
    // A column's date comes from the mapping, not a cell: checked here by the services' rule.
    const impossible = m.date === null ? null : dateProblem(m.date, 'record', this.ctx.dateBounds);
    if (impossible) {
      m.blame('date', `${m.date} ${impossible}`);
      return false;
    }
    const score = parseNumber(m.scoreText);
    if (!score.ok) {
      m.blame('score', score.reason);
      return false;
    }
    const classId = this.resolveClass(m);
    if (!classId) return false;
    const termId = this.resolveTerm(m, classId);
    if (termId === undefined) return false;
    this.loadClass(classId);
    const name = m.assessment ?? m.subject;
    const key = assessmentKey(classId, m.subject, name, termId);
    let assessment = this.assessments.get(key);
    const label = `${m.subject} / ${name}`;
    if (assessment) {
      const where = assessment.plannedOn ? ` on row ${assessment.plannedOn}` : ' in Beacon';
      if (m.maximum !== null && m.maximum !== assessment.maximum) {
        m.blame(
          'maximum',
          `${label} has the maximum ${assessment.maximum}${where}, not ${m.maximum}; change it in Beacon's marks screen`,
        );
        return false;
      }
      if (m.weight !== null && m.weight !== assessment.weight) {
        m.blame('weight', `${label} has the weight ${assessment.weight}${where}, not ${m.weight}`);
        return false;
      }
      if (m.date !== null && assessment.date !== null && m.date !== assessment.date) {
        // Never "unchanged" while the file says another date: the date is changed in Beacon.
        m.blame(
          'date',
          `${label} is dated ${assessment.date}${where}, not ${m.date}; change its date in Beacon's marks screen`,
        );
        return false;
      }
    } else {
      if (m.maximum === null) {
        m.blame(
          'maximum',
          `${label} is not an assessment of this class yet: give its maximum to create it`,
        );
        return false;
      }
      assessment = {
        id: newId(),
        classId,
        termId,
        subject: m.subject,
        name,
        date: m.date,
        maximum: m.maximum,
        weight: m.weight ?? 1,
        plannedOn: m.row,
      };
      this.assessments.set(key, assessment);
    }
    if (score.value < 0) {
      m.blame('score', `the score ${score.value} is below 0`);
      return false;
    }
    if (score.value > assessment.maximum) {
      m.blame(
        'score',
        `the score ${score.value} is above ${label}'s maximum of ${assessment.maximum}`,
      );
      return false;
    }
    const earlier = this.seen.claim(`${m.studentId}|${assessment.id}`, m.row);
    if (earlier !== null) {
      m.blame(
        'score',
        `student ${m.studentNumber}'s mark for ${label} appears twice: rows ${earlier} and ${m.row}`,
      );
      return false;
    }
    this.used.add(assessment.id);
    this.marks.push({ studentId: m.studentId, assessmentId: assessment.id, score: score.value });
    return true;
  }

  /** Creates the planned assessments, then writes the marks idempotently on (student, assessment). */
  write(): KindResult {
    const { db, actor } = this.ctx;
    const created = [...this.assessments.values()].filter((a) => a.plannedOn !== null);
    // New rows only (an assessment the file names and Beacon has is matched, never changed),
    // each with the id the file's marks already point at.
    const assessments = new TableWriter(
      db,
      actor,
      'assessments',
      ['class_id', 'term_id', 'subject', 'name', 'date', 'max_score', 'weight'],
      ['created_at', 'updated_at', 'deleted_at'],
      [],
    );
    for (const a of created) {
      assessments.write(
        {
          class_id: a.classId,
          term_id: a.termId,
          subject: a.subject,
          name: a.name,
          date: a.date,
          max_score: a.maximum,
          weight: a.weight,
        },
        undefined,
        a.id,
      );
    }
    const writer = new TableWriter(
      db,
      actor,
      'marks',
      ['assessment_id', 'student_id', 'score'],
      ['created_at', 'updated_at', 'deleted_at'],
      ['score'],
    );
    const existingFor = db.prepare('SELECT * FROM marks WHERE school_id = ? AND assessment_id = ?');
    const existing = new Map<string, ExistingRow>();
    for (const assessmentId of new Set(this.marks.map((m) => m.assessmentId))) {
      for (const e of existingFor.all(actor.schoolId, assessmentId) as ExistingRow[]) {
        existing.set(`${e.student_id as string}|${assessmentId}`, e);
      }
    }
    const touched = new Set<string>();
    for (const m of this.marks) {
      const { result } = writer.write(
        { assessment_id: m.assessmentId, student_id: m.studentId, score: m.score },
        existing.get(`${m.studentId}|${m.assessmentId}`),
      );
      if (result !== 'unchanged') touched.add(m.studentId);
    }
    return {
      tables: {
        assessments: {
          created: created.length,
          changed: 0,
          unchanged: [...this.used].filter((id) => !created.some((a) => a.id === id)).length,
        },
        marks: writer.counts,
      },
      touched,
    };
  }
}
