import type {
  ImportCounts,
  ImportKind,
  ImportMapping,
  ImportOptions,
  ImportReport,
} from '../../../contract/domains/import';
import { readDateBounds } from '../services/date-bounds';
import { type Db, writeTransaction } from '../../../db';
import { withOperation } from '../services/changes';
import { importAttendance } from './kinds/attendance';
import { fileDateParser, type KindContext, type KindResult } from './kinds/context';
import { checkIncidentsAgainstDatabase, prepareIncidents, writeIncidents } from './kinds/incidents';
import { prepareMarks, writeMarks } from './kinds/marks';
import { prepareStudents, writeStudents } from './kinds/students';
import { resolveMapping } from './mapping';
import { Rejections } from './problems';
import { refreshImportedFeatures } from './refresh-features';
import { findMapping } from './saved-mappings';
import { SchoolLookup } from './school-lookup';
import { shown } from './shown';
import { readSource, fileFormat, type FileInput } from './source';
import { FileProblem, type SourceTable } from './table';
import type { Actor } from './table-writer';

export interface ImportInput {
  kind: ImportKind;
  file: FileInput;
  mapping?: ImportMapping | undefined;
  mappingName?: string | undefined;
  options?: ImportOptions | undefined;
}

export type ImportStage = 'reading' | 'checking' | 'writing' | 'committed';

export interface ImportRunOptions {
  actor: Actor;
  today: string;
  dryRun: boolean;
  /** Told as the import moves on (the kill test and progress events use it). */
  onStage?: (stage: ImportStage) => void;
}

/** The kind's own table: what "N created, N changed, N unchanged" counts. */
export const mainTable: Record<ImportKind, string> = {
  students: 'students',
  attendance: 'attendance',
  marks: 'marks',
  incidents: 'behaviour_incidents',
};

/** A saved mapping (by name) overlaid with the request's mapping and options; later wins. */
export function effectiveMapping(db: Db, schoolId: string, input: ImportInput): ImportMapping {
  const saved = input.mappingName
    ? findMapping(db, schoolId, input.mappingName, input.kind)
    : { fields: {} };
  const given = input.mapping ?? {};
  const options = { ...saved.options, ...given.options, ...input.options };
  const merged: ImportMapping = { fields: { ...saved.fields, ...given.fields } };
  const marks = given.marks ?? saved.marks;
  if (marks) merged.marks = marks;
  if (Object.keys(options).length) merged.options = options;
  return merged;
}

class Stop extends Error {}

const zero = (): ImportCounts => ({ created: 0, changed: 0, unchanged: 0 });

function baseReport(
  input: ImportInput,
  table: SourceTable | null,
  mapping: ImportMapping,
): ImportReport {
  return {
    kind: input.kind,
    fileName: input.file.name,
    format: table?.format ?? fileFormat(input.file),
    layout: mapping.options?.layout ?? 'long',
    separator: table?.separator ?? null,
    outcome: 'refused',
    dataRows: table?.dataRows ?? 0,
    totals: zero(),
    tables: {},
    rejections: [],
    problems: 0,
    rejectedRows: 0,
    warnings: [],
    mapping,
    studentsRefreshed: 0,
  };
}

const refused = (report: ImportReport, rejections: Rejections): ImportReport => ({
  ...report,
  outcome: 'refused',
  rejections: rejections.list,
  problems: rejections.count,
  rejectedRows: rejections.rows.size,
});

/**
 * Checks every row of the file and writes what it says, in the caller's transaction; null when
 * a row was rejected (the caller rolls back). Attendance, the kind with a million-row files,
 * writes as it checks, in batches; the others check the whole file first. `onWriting` is told
 * before the first write.
 */
function checkAndWrite(
  ctx: KindContext,
  kind: ImportKind,
  fileName: string,
  onWriting: () => void,
): KindResult | null {
  const { rejections } = ctx;
  const written = (write: () => KindResult): KindResult | null => {
    if (rejections.any) return null;
    onWriting();
    return write();
  };
  switch (kind) {
    case 'attendance': {
      const result = importAttendance(ctx, onWriting);
      return rejections.any ? null : result;
    }
    case 'incidents': {
      const records = prepareIncidents(ctx);
      checkIncidentsAgainstDatabase(ctx, records);
      return written(() => writeIncidents(ctx, records));
    }
    case 'marks': {
      const planner = prepareMarks(ctx);
      return written(() => writeMarks(planner));
    }
    case 'students': {
      const plan = prepareStudents(ctx);
      return written(() => writeStudents(ctx, plan, fileName));
    }
  }
}

/**
 * Imports one file as one transaction: every row is checked first, and one rejected row refuses
 * the whole file with nothing written. Rows already recorded the same way are left alone, so a
 * second import of the same file reports 0 created, 0 changed. The touched students' features
 * are recomputed in the same transaction. A dry run does all of it and rolls back.
 */
export async function importRecords(
  db: Db,
  input: ImportInput,
  run: ImportRunOptions,
): Promise<ImportReport> {
  const { actor } = run;
  const mapping = effectiveMapping(db, actor.schoolId, input);
  const options = mapping.options ?? {};
  const rejections = new Rejections();
  run.onStage?.('reading');
  let table: SourceTable;
  try {
    table = await readSource(input.file, options);
  } catch (err) {
    if (!(err instanceof FileProblem)) throw err;
    rejections.add(err.row, err.column, null, err.message);
    return refused(baseReport(input, null, mapping), rejections);
  }
  const resolved = resolveMapping(input.kind, table, mapping, options);
  let report: ImportReport = {
    ...baseReport(input, table, resolved.applied),
    layout: resolved.layout,
    warnings: resolved.unmappedColumns.length
      ? [`Columns not imported: ${resolved.unmappedColumns.map((c) => shown(c)).join(', ')}.`]
      : [],
  };
  for (const p of resolved.problems) rejections.add(null, null, null, p);
  if (table.dataRows === 0 && !rejections.any) {
    rejections.add(null, null, null, 'The file has a header row but no data rows.');
  }
  if (rejections.any) return refused(report, rejections);
  run.onStage?.('checking');
  const ctx: KindContext = {
    db,
    actor,
    today: run.today,
    table,
    mapping: resolved,
    options,
    lookup: new SchoolLookup(db, actor.schoolId),
    rejections,
    parseDate: fileDateParser(options.dateOrder),
    dateBounds: readDateBounds(db, actor.schoolId, run.today),
  };
  try {
    writeTransaction(db, () => {
      const operation = {
        schoolId: actor.schoolId,
        userId: actor.userId,
        action: 'import' as const,
        entity: mainTable[input.kind],
      };
      withOperation(db, operation, (open) => {
        const result = checkAndWrite(ctx, input.kind, input.file.name, () =>
          run.onStage?.('writing'),
        );
        if (!result) throw new Stop();
        refreshImportedFeatures(db, actor.schoolId, result.touched);
        const totals = result.tables[mainTable[input.kind]] ?? zero();
        report = {
          ...report,
          outcome: run.dryRun ? 'dry_run' : 'imported',
          totals,
          tables: result.tables,
          studentsRefreshed: result.touched.size,
        };
        const wroteSomething = Object.values(result.tables).some((c) => c.created + c.changed > 0);
        // The file's one audit entry: who imported what, with the counts and the mapping used.
        if (wroteSomething) open.context = importSummary(report);
      });
      if (run.dryRun) throw new Stop();
    });
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    if (rejections.any) return refused(report, rejections);
    return report;
  }
  run.onStage?.('committed');
  return report;
}

/** What the file's audit entry says of it: the file, its counts and the mapping used. */
function importSummary(report: ImportReport): object {
  return {
    file: report.fileName,
    kind: report.kind,
    format: report.format,
    layout: report.layout,
    dataRows: report.dataRows,
    tables: report.tables,
    mapping: report.mapping,
  };
}
