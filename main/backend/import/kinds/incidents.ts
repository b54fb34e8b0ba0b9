import type { ColumnOf } from '../../../../db';
import { normaliseName } from '../normalise';
import { KeySeen } from '../problems';
import { TableWriter, type ExistingRow } from '../table-writer';
import { parseInteger, parseSeverity } from '../values';
import { RowReader, type KindContext, type KindResult } from './context';

/** One behaviour incident; the natural key is the student, the date and the category. */
export interface IncidentRecord {
  row: number;
  studentId: string;
  studentNumber: string;
  date: string;
  category: string;
  severity: number;
  actionTaken: string | null;
  suspensionDays: number;
  description: string | null;
}

/** Categories match whatever their case, accents or spacing: "Fight" and "fight" are one. */
const keyOf = (studentId: string, date: string, category: string) =>
  `${studentId}|${date}|${normaliseName(category)}`;

/** Validates an incidents file into incidents to write; problems go to rejections. */
export function prepareIncidents(ctx: KindContext): IncidentRecord[] {
  const out: IncidentRecord[] = [];
  const seen = new KeySeen();
  for (const row of ctx.table.rows) {
    const r = new RowReader(ctx, row);
    const student = r.student();
    const date = r.date('date');
    if (date === null && r.text('date')?.trim() === '') r.reject('date', 'date is empty');
    const category = r.required('category');
    if (category && category.length > 100) r.reject('category', 'is longer than 100 characters');
    const severity = r.required('severity') === null ? null : r.parsed('severity', parseSeverity);
    const suspensionDays = r.parsed('suspension_days', (t) => parseInteger(t, 0, 365)) ?? 0;
    const actionTaken = r.optionalText('action_taken') ?? null;
    const description = r.optionalText('description', 2000) ?? null;
    if (!r.ok || !student || !date || !category || !severity) continue;
    const earlier = seen.claim(keyOf(student.id, date, category), row.row);
    if (earlier !== null) {
      r.reject(
        'category',
        `student ${student.number}'s "${category}" incident on ${date} appears twice: rows ${earlier} and ${row.row}`,
      );
      continue;
    }
    out.push({
      row: row.row,
      studentId: student.id,
      studentNumber: student.number,
      date,
      category,
      severity,
      actionTaken,
      suspensionDays,
      description,
    });
  }
  return out;
}

/** The live incidents already recorded for the students in `records`, by natural key. */
function existingIncidents(
  ctx: KindContext,
  records: IncidentRecord[],
): Map<string, ExistingRow[]> {
  const select = ctx.db.prepare(
    'SELECT * FROM behaviour_incidents WHERE school_id = ? AND student_id = ? AND deleted_at IS NULL',
  );
  const map = new Map<string, ExistingRow[]>();
  for (const studentId of new Set(records.map((r) => r.studentId))) {
    for (const e of select.all(ctx.actor.schoolId, studentId) as ExistingRow[]) {
      const key = keyOf(studentId, e.date as string, e.category as string);
      map.set(key, [...(map.get(key) ?? []), e]);
    }
  }
  return map;
}

/**
 * Refuses incidents whose key matches more than one incident already recorded: which one the
 * row means cannot be told, so staff settle it in Beacon.
 */
export function checkIncidentsAgainstDatabase(ctx: KindContext, records: IncidentRecord[]): void {
  const existing = existingIncidents(ctx, records);
  for (const r of records) {
    const matches = existing.get(keyOf(r.studentId, r.date, r.category)) ?? [];
    if (matches.length > 1) {
      ctx.rejections.add(
        r.row,
        null,
        null,
        `${matches.length} "${r.category}" incidents are already recorded for student ${r.studentNumber} on ${r.date}; which one this row means cannot be told, so edit them in Beacon`,
      );
    }
  }
}

/** Writes incidents, idempotent on (student, date, category); only mapped columns change. */
export function writeIncidents(ctx: KindContext, records: IncidentRecord[]): KindResult {
  const { db, actor, mapping } = ctx;
  const updatable: ColumnOf<'behaviour_incidents'>[] = ['category', 'severity'];
  for (const f of ['action_taken', 'suspension_days', 'description'] as const) {
    if (mapping.fields.has(f)) updatable.push(f);
  }
  const writer = new TableWriter(
    db,
    actor,
    'behaviour_incidents',
    [
      'student_id',
      'date',
      'category',
      'severity',
      'description',
      'action_taken',
      'suspension_days',
      'recorded_by',
    ],
    ['created_at', 'updated_at', 'deleted_at'],
    updatable,
  );
  const existing = existingIncidents(ctx, records);
  const touched = new Set<string>();
  for (const r of records) {
    const { result } = writer.write(
      {
        student_id: r.studentId,
        date: r.date,
        category: r.category,
        severity: r.severity,
        description: r.description,
        action_taken: r.actionTaken,
        suspension_days: r.suspensionDays,
        recorded_by: actor.userId,
      },
      existing.get(keyOf(r.studentId, r.date, r.category))?.[0],
    );
    if (result !== 'unchanged') touched.add(r.studentId);
  }
  return { tables: { behaviour_incidents: writer.counts }, touched };
}
