import { BeaconError } from '../../../db';
import { actorId, requireSchoolId } from '../auth/scope';
import { exportRecords } from '../import/export';
import { previewImport } from '../import/preview';
import { importRecords, type ImportInput } from '../import/run-import';
import { deleteMapping, listMappings, saveMapping } from '../import/saved-mappings';
import type { HandlerMap, RequestContext } from './types';

async function runImport(input: ImportInput, ctx: RequestContext, dryRun: boolean) {
  const schoolId = requireSchoolId(ctx);
  const report = await importRecords(ctx.db, input, {
    actor: { schoolId, userId: actorId(ctx) },
    today: ctx.today(),
    dryRun,
  });
  // What it changed reaches windows from the change log's journal (dispatch.ts); a dry run
  // rolled back, so it reports nothing.
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
    return saved;
  },
  deleteImportMapping: (input, ctx) => {
    const deleted = deleteMapping(ctx.db, requireSchoolId(ctx), actorId(ctx), input.name);
    if (!deleted) {
      throw new BeaconError('NOT_FOUND', `There is no saved mapping called "${input.name}".`);
    }
    return { deleted };
  },
  exportRecords: (input, ctx) =>
    exportRecords(ctx.db, requireSchoolId(ctx), input.kind, ctx.today(), {
      separator: input.separator,
      format: input.format,
    }),
};
