import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../contract';
import { newId } from '../../db/ids';
import { recordAuditEvent } from '../../main/backend/services/audit';
import { csvField } from '../../main/backend/services/audit-csv';
import { seededSchool, seedUser } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const s = await seededSchool(tempDir(), () => '2025-03-10');
  afterTest(() => s.backend.close());
  return { ...s, db: s.backend.context.db };
}

type School = Awaited<ReturnType<typeof school>>;

/** Appends an audit entry at a chosen instant, as if a write had happened then. */
function entryAt(
  s: School,
  at: string,
  extra: Partial<Parameters<typeof recordAuditEvent>[1]> = {},
) {
  const entityId = newId();
  recordAuditEvent(s.db, {
    schoolId: s.schoolId,
    userId: s.adminId,
    action: 'update',
    entity: 'students',
    entityId,
    after: { at },
    at,
    ...extra,
  });
  return entityId;
}

async function list(s: School, input: Parameters<School['admin']['listAuditLog']>[0]) {
  const res = await s.admin.listAuditLog(input);
  if (!res.ok) throw new Error(res.message);
  return res.value;
}

const ats = (entries: AuditEntry[]) => entries.map((e) => e.at);

describe('the audit log', () => {
  it('shows who, when, what, and the columns that changed, before and after, as data', async () => {
    const s = await school();
    const created = await s.admin.createUser({
      username: 'tess',
      displayName: 'Tess',
      role: 'teacher',
      password: 'tess password 1',
    });
    if (!created.ok) throw new Error(created.message);
    await s.admin.updateUser({ id: created.value.id, displayName: 'Tess Okafor' });
    const page = await list(s, { entity: 'users', entityId: created.value.id });
    expect(page.nextCursor).toBeNull();
    expect(page.entries.map((e) => e.action)).toEqual(['update', 'create']);
    const [update] = page.entries;
    expect(update).toMatchObject({
      userId: s.adminId,
      username: 'admin',
      displayName: 'Ada Admin',
      entity: 'users',
      entityId: created.value.id,
      changes: [],
    });
    // Only what changed: the role stayed the same, so the entry does not repeat it.
    expect(update?.before).toEqual({ display_name: 'Tess' });
    expect(update?.after).toEqual({ display_name: 'Tess Okafor' });
    expect(update?.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('filters by entity, row, user and action', async () => {
    const s = await school();
    const other = await seedUser(s.backend, s.schoolId, { username: 'hana', role: 'head_teacher' });
    const target = entryAt(s, '2025-03-01T10:00:00.000Z');
    entryAt(s, '2025-03-01T11:00:00.000Z', { userId: other.id });
    entryAt(s, '2025-03-01T12:00:00.000Z', { entity: 'marks' });
    entryAt(s, '2025-03-01T13:00:00.000Z', { action: 'delete' });
    const only = async (filter: Parameters<typeof list>[1]) => ats((await list(s, filter)).entries);
    expect(await only({ entityId: target })).toEqual(['2025-03-01T10:00:00.000Z']);
    expect(await only({ userId: other.id })).toEqual(['2025-03-01T11:00:00.000Z']);
    expect(await only({ entity: 'marks' })).toEqual(['2025-03-01T12:00:00.000Z']);
    expect(await only({ action: 'delete' })).toEqual(['2025-03-01T13:00:00.000Z']);
    expect(await only({ entity: 'students', userId: s.adminId, action: 'update' })).toEqual([
      '2025-03-01T10:00:00.000Z',
    ]);
  });

  it("reads from and to as whole days on the school's clock, across a clock change", async () => {
    const s = await school();
    s.db.prepare("UPDATE schools SET timezone = 'Africa/Nairobi'").run(); // UTC+3
    for (const at of [
      '2025-03-09T20:59:59.999Z', // 23:59 on the 9th in Nairobi
      '2025-03-09T21:00:00.000Z', // midnight starting the 10th
      '2025-03-10T20:59:59.999Z', // the 10th's last moment
      '2025-03-10T21:00:00.000Z', // the 11th
    ]) {
      entryAt(s, at);
    }
    const tenth = await list(s, { entity: 'students', from: '2025-03-10', to: '2025-03-10' });
    expect(ats(tenth.entries)).toEqual(['2025-03-10T20:59:59.999Z', '2025-03-09T21:00:00.000Z']);
    expect(ats((await list(s, { entity: 'students', from: '2025-03-11' })).entries)).toEqual([
      '2025-03-10T21:00:00.000Z',
    ]);
    expect(ats((await list(s, { entity: 'students', to: '2025-03-09' })).entries)).toEqual([
      '2025-03-09T20:59:59.999Z',
    ]);

    // Lisbon moves its clocks forward at 01:00 UTC on 30 March 2025: that day lasts 23 hours.
    s.db.prepare("UPDATE schools SET timezone = 'Europe/Lisbon'").run();
    entryAt(s, '2025-03-30T00:00:00.000Z', { entity: 'marks' }); // 00:00 WET
    entryAt(s, '2025-03-30T22:59:00.000Z', { entity: 'marks' }); // 23:59 WEST
    entryAt(s, '2025-03-30T23:00:00.000Z', { entity: 'marks' }); // 00:00 on the 31st
    const dstDay = await list(s, { entity: 'marks', from: '2025-03-30', to: '2025-03-30' });
    expect(ats(dstDay.entries)).toEqual(['2025-03-30T22:59:00.000Z', '2025-03-30T00:00:00.000Z']);
  });

  it('pages newest first with a cursor, without gaps or repeats, even at equal times', async () => {
    const s = await school();
    const same = '2025-03-02T09:00:00.000Z';
    const ids = [
      entryAt(s, '2025-03-01T09:00:00.000Z'),
      entryAt(s, same),
      entryAt(s, same),
      entryAt(s, same),
      entryAt(s, same),
      entryAt(s, '2025-03-03T09:00:00.000Z'),
      entryAt(s, '2025-03-04T09:00:00.000Z'),
    ];
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await list(s, { entity: 'students', limit: 3, cursor });
      sizes.push(page.entries.length);
      seen.push(...page.entries.map((e) => e.entityId ?? ''));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(sizes).toEqual([3, 3, 1]);
    // Ids are time-ordered, so newest first is the reverse of the order they were made.
    expect(seen).toEqual([...ids].reverse());

    // A last page that is exactly full says so: no empty page follows.
    const six = await list(s, { entity: 'students', limit: 6 });
    const rest = await list(s, { entity: 'students', limit: 6, cursor: six.nextCursor ?? '' });
    expect(rest).toMatchObject({ nextCursor: null });
    expect(rest.entries).toHaveLength(1);
  });

  it('refuses bad filters with a message naming the field', async () => {
    const s = await school();
    for (const [input, field] of [
      [{ limit: 501 }, 'limit'],
      [{ limit: 0 }, 'limit'],
      [{ from: '2025-03-10', to: '2025-03-09' }, 'from'],
      [{ from: '2025-02-30' }, 'from'],
      [{ entityId: 'not-an-id' }, 'entityId'],
      [{ action: 'read' }, 'action'],
      [{ entity: 'students; DROP TABLE audit_log' }, 'entity'],
      [{ cursor: 'bm9wZQ' }, 'cursor'],
    ] as const) {
      const res = await s.admin.listAuditLog(input as never);
      expect(res, JSON.stringify(input)).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        details: [{ path: [field] }],
      });
    }
    expect(await s.admin.exportAuditLog({ from: '2025-03-10', to: '2025-03-01' })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });
});

describe('the audit export', () => {
  it('writes CSV with a header, quoting commas, quotes and line breaks', async () => {
    const s = await school();
    const awkward = 'O\'Neil, "Bob"\nthe second';
    await s.admin.updateUser({ id: s.adminId, displayName: awkward });
    await s.admin.createUser({
      username: 'tess',
      displayName: 'Tess, "T" Okafor',
      role: 'teacher',
      password: 'tess password 1',
    });
    const res = await s.admin.exportAuditLog({ entity: 'users' });
    if (!res.ok) throw new Error(res.message);
    expect(res.value.fileName).toBe('beacon-audit-2025-03-10.csv');
    expect(res.value.csv).toContain('"O\'Neil, ""Bob""\nthe second"');
    expect(res.value.csv.split('\r\n')[0]).toBe(
      'at,username,display_name,user_id,action,entity,entity_id,before,after',
    );
    const rows = parse(res.value.csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(res.value.rowCount);
    expect(rows.map((r) => [r.action, r.entity])).toEqual([
      ['update', 'users'],
      ['create', 'users'],
    ]);
    const created = rows[1];
    expect(created?.display_name).toBe(awkward);
    expect(created?.username).toBe('admin');
    expect(JSON.parse(created?.after ?? '')).toMatchObject({
      username: 'tess',
      display_name: 'Tess, "T" Okafor',
    });
    expect(created?.before).toBe('');
    expect(JSON.parse(rows[0]?.before ?? '')).toMatchObject({ display_name: 'Ada Admin' });
  });

  it('keeps a spreadsheet from running a cell as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(' padded ')).toBe('" padded "');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
  });

  it('is itself audited, and refuses an export too large for one file', async () => {
    const s = await school();
    const before = s.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    const res = await s.admin.exportAuditLog({});
    expect(res).toMatchObject({ ok: true, value: { rowCount: before } });
    const entry = s.db
      .prepare("SELECT user_id, entity, after FROM audit_log WHERE action = 'other'")
      .get() as { user_id: string; entity: string; after: string };
    expect(entry).toMatchObject({ user_id: s.adminId, entity: 'audit_log' });
    expect(JSON.parse(entry.after)).toEqual({ exported: before, filter: {} });

    s.db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100001)
         INSERT INTO audit_log (id, school_id, action, entity, at)
         SELECT lower(hex(randomblob(16))), ?, 'update', 'attendance', '2025-03-05T10:00:00.000Z'
         FROM n`,
      )
      .run(s.schoolId);
    expect(await s.admin.exportAuditLog({ entity: 'attendance' })).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message:
        'These filters match 100,001 audit entries, more than the 100,000 one export may hold: choose fewer days.',
    });
    expect(await s.admin.exportAuditLog({ entity: 'attendance', to: '2025-03-04' })).toMatchObject({
      ok: true,
      value: { rowCount: 0 },
    });
  });
});
