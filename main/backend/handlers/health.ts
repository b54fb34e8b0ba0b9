import { checkIntegrity, fileSize } from '../../../db';
import { seesWholeSchool } from '../auth/scope';
import { verifyAuditChain } from '../services/audit-chain';
import { currentSchool } from '../services/school';
import type { HandlerMap, RequestContext } from './types';

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

/** Live row counts of the counted tables, school-wide. */
function rowCounts(ctx: RequestContext): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of countedTables) {
    counts[table] = ctx.db
      // Attendance is counted in its compact table, not through the view's joins.
      .prepare(
        `SELECT count(*) FROM ${table === 'attendance' ? 'attendance_days' : table}
         WHERE deleted_at IS NULL`,
      )
      .pluck()
      .get() as number;
  }
  return counts;
}

/**
 * The app's health. Where the file lives, the school-wide row counts and the audit log's entry
 * count are for those who see the whole school (auth/scope.ts: head teachers, admins, the command
 * line's system actor whatever its role): a teacher sees their own classes, not how many students,
 * marks or audited changes the whole school holds, nor a path on the laptop. Whether the log is
 * intact is for everyone.
 */
export const healthHandlers: HandlerMap<'health' | 'checkDatabase'> = {
  health: (_input, ctx) => {
    const runsSchool = seesWholeSchool(ctx.session);
    const chain = verifyAuditChain(ctx.db);
    return {
      appVersion: ctx.appVersion,
      schemaVersion: ctx.schemaVersion,
      migrations: ctx.migrations,
      databasePath: runsSchool ? ctx.dbPath : null,
      databaseSizeBytes: fileSize(ctx.dbPath),
      journalMode: String(ctx.db.pragma('journal_mode', { simple: true })),
      readOnly: ctx.readOnly,
      counts: runsSchool ? rowCounts(ctx) : null,
      auditLog: {
        intact: chain.ok,
        entries: runsSchool ? chain.entries : null,
        brokenAt: chain.broken?.id ?? null,
      },
      school: currentSchool(ctx.db),
      history: ctx.health.series(),
    };
  },
  checkDatabase: (_input, ctx) => {
    const problems = checkIntegrity(ctx.db);
    return { ok: problems.length === 0, problems, checkedAt: new Date(ctx.now()).toISOString() };
  },
};
