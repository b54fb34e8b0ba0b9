import { checkIntegrity, fileSize } from '../../../db';
import { verifyAuditChain } from '../services/audit-chain';
import { currentSchool } from '../services/school';
import type { HandlerMap } from './types';

/** Tables whose live row counts the health answer reports. */
const countedTables = [
  'schools',
  'users',
  'students',
  'classes',
  'enrolments',
  'attendance',
  'assessments',
  'marks',
  'behaviour_incidents',
  'interventions',
  'model_versions',
] as const;

export const healthHandlers: HandlerMap<'health' | 'checkDatabase'> = {
  health: (_input, ctx) => {
    const counts: Record<string, number> = {};
    for (const table of countedTables) {
      // Attendance is counted in its compact table, not through the view's joins.
      counts[table] = ctx.db
        .prepare(
          `SELECT count(*) FROM ${table === 'attendance' ? 'attendance_days' : table}
           WHERE deleted_at IS NULL`,
        )
        .pluck()
        .get() as number;
    }
    const chain = verifyAuditChain(ctx.db);
    return {
      appVersion: ctx.appVersion,
      schemaVersion: ctx.schemaVersion,
      migrations: ctx.migrations,
      databasePath: ctx.dbPath,
      databaseSizeBytes: fileSize(ctx.dbPath),
      journalMode: String(ctx.db.pragma('journal_mode', { simple: true })),
      readOnly: ctx.readOnly,
      counts,
      auditLog: { intact: chain.ok, entries: chain.entries, brokenAt: chain.broken?.id ?? null },
      school: currentSchool(ctx.db),
      history: ctx.health.series(),
    };
  },
  checkDatabase: (_input, ctx) => {
    const problems = checkIntegrity(ctx.db);
    return { ok: problems.length === 0, problems, checkedAt: new Date(ctx.now()).toISOString() };
  },
};
