import {
  newTermInput,
  termEditInput,
  type NewTerm,
  type Term,
  type TermEdit,
} from '../../../contract/domains/records-classes';
import { BeaconError, newId, type Db, writeTransaction } from '../../../db';
import { refreshFeaturesAfter } from '../keep-current';
import { schoolYearRangeFor } from './records-dates';
import {
  insertAudited,
  liveRow,
  parseInput,
  prepared,
  updateAudited,
  type Actor,
  type SyncedRow,
} from './records-support';

interface TermFields {
  school_year: string;
  name: string;
  start_date: string;
  end_date: string;
}
export interface TermRow extends SyncedRow, TermFields {}

const toTerm = (r: TermRow): Term => ({
  id: r.id,
  schoolYear: r.school_year,
  name: r.name,
  startDate: r.start_date,
  endDate: r.end_date,
  updatedAt: r.updated_at,
});

/** A live term of this school, or NOT_FOUND. */
export const termRow = (db: Db, schoolId: string, termId: string): TermRow =>
  liveRow<TermRow>(db, 'terms', schoolId, termId, 'term');

/** Refuses a term outside its school year, with a duplicate name, or overlapping another term. */
function assertTermFits(db: Db, schoolId: string, term: TermFields, id: string) {
  if (term.end_date < term.start_date) {
    throw new BeaconError(
      'INVALID_INPUT',
      `The term ends (${term.end_date}) before it starts (${term.start_date}).`,
    );
  }
  const year = schoolYearRangeFor(db, schoolId, term.school_year);
  if (term.start_date < year.from || term.end_date > year.to) {
    throw new BeaconError(
      'INVALID_INPUT',
      `Term ${term.name} (${term.start_date} to ${term.end_date}) is outside the school year ${term.school_year} (${year.from} to ${year.to}).`,
    );
  }
  const others = prepared(
    db,
    `SELECT * FROM terms WHERE school_id = ? AND school_year = ? AND id != ? AND deleted_at IS NULL`,
  ).all(schoolId, term.school_year, id) as TermRow[];
  for (const other of others) {
    if (other.name === term.name) {
      throw new BeaconError(
        'CONFLICT',
        `There is already a term called ${term.name} in ${term.school_year}.`,
      );
    }
    if (other.start_date <= term.end_date && term.start_date <= other.end_date) {
      throw new BeaconError(
        'CONFLICT',
        `Term ${term.name} overlaps ${other.name} (${other.start_date} to ${other.end_date}).`,
      );
    }
  }
}

/** Creates a term within its school year, not overlapping the year's other terms. */
export function createTerm(db: Db, actor: Actor, data: NewTerm): Term {
  const input = parseInput(newTermInput, data);
  return writeTransaction(db, () => {
    const id = newId();
    const values = {
      school_year: input.schoolYear,
      name: input.name,
      start_date: input.startDate,
      end_date: input.endDate,
    };
    assertTermFits(db, actor.schoolId, values, id);
    return toTerm(insertAudited(db, actor, 'terms', { id, ...values }) as TermRow);
  });
}

/** Renames a term or moves its dates, with the same checks as creating one. */
export function editTerm(db: Db, actor: Actor, data: TermEdit): Term {
  const input = parseInput(termEditInput, data);
  return writeTransaction(db, () => {
    const before = termRow(db, actor.schoolId, input.termId);
    const values = {
      school_year: before.school_year,
      name: input.name ?? before.name,
      start_date: input.startDate ?? before.start_date,
      end_date: input.endDate ?? before.end_date,
    };
    assertTermFits(db, actor.schoolId, values, before.id);
    const { row, changed } = updateAudited(db, actor, 'terms', before, values);
    // Term dates decide which marks count as last term's.
    if (changed) refreshFeaturesAfter(db, actor.schoolId, { kind: 'term', termId: before.id });
    return toTerm(row);
  });
}

/** The school's terms in date order, optionally of one school year. */
export function listTerms(db: Db, schoolId: string, schoolYear?: string): Term[] {
  return (
    prepared(
      db,
      `SELECT * FROM terms WHERE school_id = ? AND (? IS NULL OR school_year = ?)
         AND deleted_at IS NULL ORDER BY start_date`,
    ).all(schoolId, schoolYear ?? null, schoolYear ?? null) as TermRow[]
  ).map(toTerm);
}
