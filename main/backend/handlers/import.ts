import { BeaconError } from '../../../db';
import { actorId, requireSchoolId } from '../auth/scope';
import { exportRecords } from '../import/export';
import { previewImport } from '../import/preview';
import { importRecords, type ImportInput } from '../import/run-import';
import { deleteMapping, listMappings, saveMapping } from '../import/saved-mappings';
import type { HandlerMap, RequestContext } from './types';

/** The entities an import of each kind may change, for windows to reload. */
const touchedEntities = (tables: Record<string, unknown>) => [
  ...Object.keys(tables),
  'student_features',
];

async function runImport(input: ImportInput, ctx: RequestContext, dryRun: boolean) {
  const schoolId = requireSchoolId(ctx);
  const report = await importRecords(ctx.db, input, {
    actor: { schoolId, userId: actorId(ctx) },
    today: ctx.today(),
    dryRun,
  });
  if (report.outcome === 'imported') {
    const changed = Object.values(report.tables).some((c) => c.created + c.changed > 0);
    if (changed) ctx.emit('dataChanged', { entities: touchedEntities(report.tables) });
  }
  return report;
}

export const importHandlers: HandlerMap<
  | 'previewImport'
  | 'dryRunImport'
  | 'runImport'
  | 'listImportMappings'
  | 'saveImportMapping'
  | 'deleteImportMapping'
  | 'exportRecords'
> = {
  previewImport: (input, ctx) => previewImport(ctx.db, requireSchoolId(ctx), input),
  dryRunImport: (input, ctx) => runImport(input, ctx, true),
  runImport: (input, ctx) => runImport(input, ctx, false),
  listImportMappings: (input, ctx) => listMappings(ctx.db, requireSchoolId(ctx), input.kind),
  saveImportMapping: (input, ctx) => {
    const saved = saveMapping(
      ctx.db,
      requireSchoolId(ctx),
      actorId(ctx),
      input.name,
      input.kind,
      input.mapping,
    );
    ctx.emit('dataChanged', { entities: ['import_mappings'] });
    return saved;
  },
  deleteImportMapping: (input, ctx) => {
    const deleted = deleteMapping(ctx.db, requireSchoolId(ctx), actorId(ctx), input.name);
    if (!deleted) {
      throw new BeaconError('NOT_FOUND', `There is no saved mapping called "${input.name}".`);
    }
    ctx.emit('dataChanged', { entities: ['import_mappings'] });
    return { deleted };
  },
  exportRecords: (input, ctx) =>
    exportRecords(ctx.db, requireSchoolId(ctx), input.kind, ctx.today(), {
      separator: input.separator,
      format: input.format,
    }),
};
