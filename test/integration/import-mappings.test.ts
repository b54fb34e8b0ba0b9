import { describe, expect, it } from 'vitest';
import { addStudent, csvFile, importSchool, ok } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

async function school() {
  const s = await importSchool(tempDir());
  afterTest(() => s.backend.close());
  addStudent(s.db, s.schoolId, '77');
  return s;
}

// Headers no synonym matches: the mapping must be given once, then reused by name.
const file = csvFile('Código;Quando;Marca;Extra\n77;15-09-2025;presente;x\n');

describe('saved mappings', () => {
  it('previews the automatic mapping, then saves a corrected one and reuses it by name', async () => {
    const s = await school();
    const preview = ok(await s.api.previewImport({ kind: 'attendance', file }));
    expect(preview.problems.map((p) => p.reason)).toEqual([
      expect.stringMatching(/No column for student number/),
      expect.stringMatching(/No column for date/),
      expect.stringMatching(/No column for status/),
    ]);
    expect(preview.sample).toEqual([{ row: 2, cells: ['77', '15-09-2025', 'presente', 'x'] }]);

    const mapping = {
      fields: { student_number: 'Código', date: 'Quando', status: 'Marca' },
      options: { dateOrder: 'dmy' as const },
    };
    const fixed = ok(await s.api.previewImport({ kind: 'attendance', file, mapping }));
    expect(fixed.problems).toEqual([]);
    expect(fixed.unmappedColumns).toEqual(['Extra']);
    const saved = ok(
      await s.api.saveImportMapping({
        name: 'Secretaria',
        kind: 'attendance',
        mapping: fixed.mapping,
      }),
    );
    expect(saved).toMatchObject({ name: 'Secretaria', kind: 'attendance' });
    expect(ok(await s.api.listImportMappings({ kind: 'attendance' })).map((m) => m.name)).toEqual([
      'Secretaria',
    ]);
    expect(ok(await s.api.listImportMappings({ kind: 'marks' }))).toEqual([]);

    const report = ok(
      await s.api.runImport({ kind: 'attendance', file, mappingName: 'Secretaria' }),
    );
    expect(report).toMatchObject({ outcome: 'imported', totals: { created: 1 } });
    expect(report.mapping.fields).toMatchObject({ student_number: 'Código', date: 'Quando' });
  });

  it('records saves and deletes like any synced row, and frees the name on delete', async () => {
    const s = await school();
    ok(await s.api.saveImportMapping({ name: 'A', kind: 'students', mapping: { fields: {} } }));
    ok(
      await s.api.saveImportMapping({
        name: 'A',
        kind: 'students',
        mapping: { fields: { student_number: 'Nº' } },
      }),
    );
    const outbox = s.db
      .prepare("SELECT op FROM sync_outbox WHERE table_name = 'import_mappings'")
      .pluck()
      .all();
    // Saved twice, queued once: the outbox keeps the mapping's latest change.
    expect(outbox).toEqual(['upsert']);
    const audit = s.db
      .prepare("SELECT action FROM audit_log WHERE entity = 'import_mappings' ORDER BY at")
      .pluck()
      .all();
    expect(audit).toEqual(['create', 'update']);
    expect(ok(await s.api.deleteImportMapping({ name: 'A' }))).toEqual({ deleted: true });
    expect(await s.api.deleteImportMapping({ name: 'A' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(ok(await s.api.listImportMappings({}))).toEqual([]);
    ok(await s.api.saveImportMapping({ name: 'A', kind: 'marks', mapping: {} }));
    expect(ok(await s.api.listImportMappings({})).map((m) => m.kind)).toEqual(['marks']);
  });
});
