import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../main/backend/services/audit-chain';
import { setUpSchool } from '../support/school';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

const pupils = [
  'Student number,First name,Last name,Sex,Date of birth,Class,School year',
  'S-001,Amina,Okoro,F,2012-03-04,7A,2025-2026',
  'S-002,Brian,Mwangi,M,2011-11-20,7A,2025-2026',
  'S-003,Chloé,Dubois,F,2012-07-15,7B,2025-2026',
].join('\n');

describe('an import checked by a dry run first, as the wizard does', () => {
  it('writes the file after the dry run rolled back, with the outbox and audit chain whole', async () => {
    const { backend, admin } = await setUpSchool(tempDir());
    const file = { name: 'pupils.csv', text: `${pupils}\n` };
    const dry = await admin.dryRunImport({ kind: 'students', file });
    if (!dry.ok) throw new Error(dry.message);
    expect(dry.value.outcome).toBe('dry_run');
    // The dry run made outbox codes for classes and enrolments, then rolled them back: the
    // import must not reuse codes that no longer exist.
    const run = await admin.runImport({ kind: 'students', file, mapping: dry.value.mapping });
    if (!run.ok) throw new Error(run.message);
    expect(run.value.tables).toMatchObject({
      students: { created: 3 },
      classes: { created: 2 },
      enrolments: { created: 3 },
    });
    const db = backend.context.db;
    expect(db.prepare('SELECT count(*) FROM sync_changes').pluck().get()).toBeGreaterThanOrEqual(8);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(verifyAuditChain(db).ok).toBe(true);
    await backend.close();
  });
});
