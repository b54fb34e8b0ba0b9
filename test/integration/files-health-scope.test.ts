import { describe, expect, it } from 'vitest';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';
import { apiAs, seededSchool, seedUser } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

describe("the health answer by role: a teacher's page shows no file path or school-wide counts", () => {
  it('gives the path and counts to admins and head teachers only', async () => {
    const s = await seededSchool(tempDir());
    afterTest(() => s.backend.close());
    const head = await seedUser(s.backend, s.schoolId, { username: 'head', role: 'head_teacher' });
    const teacher = await seedUser(s.backend, s.schoolId, { username: 'tina', role: 'teacher' });
    const ask = async (api: ReturnType<typeof inProcessApi>) => {
      const r = await api.health({});
      if (!r.ok) throw new Error(r.message);
      return r.value;
    };
    const auditEntries = () =>
      s.backend.context.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    expect(auditEntries()).toBeGreaterThan(0);
    for (const api of [s.admin, apiAs(s.backend, head)]) {
      const h = await ask(api);
      expect(h.databasePath).toBe(s.backend.context.dbPath);
      expect(h.counts).toMatchObject({ users: 3, students: 0 });
      expect(h.auditLog).toEqual({ intact: true, entries: auditEntries(), brokenAt: null });
    }
    for (const api of [apiAs(s.backend, teacher), inProcessApi(s.backend)]) {
      const h = await ask(api);
      expect(h.databasePath).toBeNull();
      expect(h.counts).toBeNull();
      // The log's entry count is a school-wide count too: intact or not, but not how many.
      expect(h.auditLog).toEqual({ intact: true, entries: null, brokenAt: null });
      expect(JSON.stringify(h)).not.toContain(s.backend.context.dbPath);
      expect(h.schemaVersion).toBeGreaterThan(0);
    }
  });

  it("gives them to the command line's system actor by its kind, not by the role it carries", async () => {
    const s = await seededSchool(tempDir());
    afterTest(() => s.backend.close());
    // The CLI's own session (beacon info), and a system actor whose role names no one in
    // particular: the scope rule (auth/scope.ts) reads the session's kind first.
    for (const session of [systemSession, { ...systemSession, role: 'teacher' as const }]) {
      const r = await inProcessApi(s.backend, session).health({});
      if (!r.ok) throw new Error(r.message);
      expect(r.value.databasePath).toBe(s.backend.context.dbPath);
      expect(r.value.counts).toMatchObject({ users: 1, schools: 1 });
    }
  });
});
