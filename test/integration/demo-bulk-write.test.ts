import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db';
import { loadDemoSchool } from '../../main/backend/demo/load-demo';
import { featureColumnNames, rebuildFeatures } from '../../main/backend/features';
import { verifyAuditChain } from '../../main/backend/services/audit-chain';
import { pendingRows } from '../support/pending-rows';

/**
 * The demo school written the fast way (registers and marks through the change log's bulk mode)
 * must be a school the staff services could have written: the same school written day by day
 * through saveRegister and saveMarks has the same rows, the same outbox and the same audit
 * entries, and its features equal a rebuild.
 */

const options = { students: 60, years: 2, seed: 7, today: '2026-11-29' };
const dir = mkdtempSync(join(tmpdir(), 'beacon-demo-bulk-'));
let fast: Db;
let slow: Db;

/** Rows compared: ids and clocks differ between two runs; the rest must not. */
const unstable = new Set(['id', 'version', 'created_at', 'updated_at', 'school_id']);
const tables = [
  'students',
  'student_status_changes',
  'terms',
  'school_calendar',
  'classes',
  'enrolments',
  'assessments',
  'marks',
  'behaviour_incidents',
  'interventions',
];

type Row = Record<string, unknown>;

/**
 * Every row of the school with its ids replaced by what names it the same way in both
 * databases: students by number, classes and terms by year and name, other rows by their
 * content. Answers the rows per table (sorted) and each id's name.
 */
function describeSchool(db: Db): { rows: Record<string, string[]>; names: Map<string, string> } {
  const names = new Map<string, string>();
  for (const id of db.prepare('SELECT id FROM schools').pluck().all() as string[])
    names.set(id, 'the school');
  for (const s of db.prepare('SELECT id, student_number FROM students').all() as Row[])
    names.set(String(s.id), `student ${String(s.student_number)}`);
  for (const t of ['classes', 'terms'])
    for (const r of db.prepare(`SELECT id, school_year, name FROM ${t}`).all() as Row[])
      names.set(String(r.id), `${t} ${String(r.school_year)} ${String(r.name)}`);
  const named = (row: Row): string =>
    JSON.stringify(
      Object.fromEntries(
        Object.entries(row)
          .filter(([k]) => !unstable.has(k))
          .map(([k, v]) => [
            k,
            k === 'deleted_at' ? v !== null : typeof v === 'string' ? (names.get(v) ?? v) : v,
          ]),
      ),
    );
  const rows: Record<string, string[]> = {};
  // Assessments first: marks name them.
  for (const t of ['assessments', ...tables.filter((x) => x !== 'assessments')]) {
    const all = db.prepare(`SELECT * FROM ${t}`).all() as Row[];
    rows[t] = all.map(named).sort();
    for (const r of all) if (!names.has(String(r.id))) names.set(String(r.id), `${t} ${named(r)}`);
  }
  const attendance = db
    .prepare(
      `SELECT student_id, class_id, date, status, minutes_late, note, recorded_by, deleted_at
       FROM attendance`,
    )
    .all() as Row[];
  rows.attendance = attendance.map(named).sort();
  return { rows, names };
}

/**
 * The outbox as sync reads it, (table, row named, operation), sorted: one entry per row either
 * way; and its entries per table, which also counts tables that never leave the laptop.
 */
function outbox(db: Db, names: Map<string, string>): { rows: string[]; entries: string[] } {
  const rows = pendingRows(db).map((c) => {
    const [table, rowId, op] = c.split(' ');
    const [id, date] = (rowId ?? '').split('/');
    return `${table} ${names.get(id ?? '') ?? id}${date ? `/${date}` : ''} ${op}`;
  });
  const entries = db
    .prepare(
      `SELECT t.name || ' ' || count(*) FROM sync_changes c JOIN sync_tables t
         ON t.code = c.table_code GROUP BY t.name ORDER BY t.name`,
    )
    .pluck()
    .all() as string[];
  return { rows: rows.sort(), entries };
}

/** Each audit entry as what it did, to which table, about what, and how many rows it lists. */
function audit(db: Db, names: Map<string, string>): string[] {
  const rows = db
    .prepare(`SELECT action, entity, entity_id, after, changes FROM audit_log`)
    .all() as Row[];
  const rename = (json: unknown) =>
    typeof json === 'string'
      ? json.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) =>
          (names.get(id) ?? 'an unknown id').replace(/"/g, "'"),
        )
      : json;
  return rows
    .map((r) => {
      const listed = r.changes ? (JSON.parse(String(r.changes)) as { rows: unknown[] }).rows : [];
      return [
        r.action,
        r.entity,
        r.entity_id === null ? '-' : (names.get(String(r.entity_id)) ?? 'an unknown id'),
        r.entity === 'school_calendar' || r.changes === null ? rename(r.after) : '',
        r.entity === 'attendance' || r.entity === 'marks' ? rename(r.after) : '',
        listed.length,
      ].join(' | ');
    })
    .sort();
}

function features(db: Db, names: Map<string, string>): Record<string, unknown>[] {
  return (
    db
      .prepare(`SELECT student_id, ${featureColumnNames.join(', ')} FROM student_features`)
      .all() as Row[]
  )
    .map((r) => ({ ...r, student_id: names.get(String(r.student_id)) }))
    .sort((a, b) => String(a.student_id).localeCompare(String(b.student_id)));
}

beforeAll(async () => {
  fast = (await openDatabase(join(dir, 'fast.sqlite'))).db;
  slow = (await openDatabase(join(dir, 'slow.sqlite'))).db;
  loadDemoSchool(fast, options, null, undefined, 'bulk');
  loadDemoSchool(slow, options, null, undefined, 'services');
}, 180_000);

afterAll(() => {
  fast.close();
  slow.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo school written in bulk', () => {
  it('has exactly the rows the staff services write for the same seed', () => {
    const a = describeSchool(fast).rows;
    const b = describeSchool(slow).rows;
    expect(a.attendance?.length).toBeGreaterThan(1000);
    expect(a.marks?.length).toBeGreaterThan(100);
    for (const t of [...tables, 'attendance']) expect({ t, rows: a[t] }).toEqual({ t, rows: b[t] });
  });

  it('has one outbox entry per row, the same entries as the services leave', () => {
    const a = outbox(fast, describeSchool(fast).names);
    const b = outbox(slow, describeSchool(slow).names);
    expect(a).toEqual(b);
    expect(new Set(a.rows).size).toBe(a.rows.length);
    const attendance = fast.prepare('SELECT count(*) FROM attendance_days').pluck().get();
    expect(a.rows.filter((e) => e.startsWith('attendance ')).length).toBe(attendance);
    expect(a.entries).toContain(`attendance ${String(attendance)}`);
  });

  it('has the audit entries the services write: one per register, one per set of marks', () => {
    const a = audit(fast, describeSchool(fast).names);
    const b = audit(slow, describeSchool(slow).names);
    expect(a.length).toBe(b.length);
    expect(a).toEqual(b);
    expect(verifyAuditChain(fast)).toMatchObject({ ok: true, broken: null });
  });

  it('has features equal to a rebuild, and to the services-written school', () => {
    const fastNames = describeSchool(fast).names;
    const stored = features(fast, fastNames);
    expect(stored.length).toBeGreaterThan(50);
    expect(stored).toEqual(features(slow, describeSchool(slow).names));
    fast.transaction(() =>
      rebuildFeatures(fast, String(fast.prepare('SELECT id FROM schools').pluck().get())),
    )();
    expect(features(fast, fastNames)).toEqual(stored);
  });
});
