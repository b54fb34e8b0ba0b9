import { z } from 'zod';
import { isoDate, label } from '../schemas';
import { request } from '../spec';

/**
 * Importing the spreadsheets schools already have, and exporting records in the same layout.
 * Files cross the boundary whole: CSV as text or bytes, XLSX as bytes or base64, at most
 * MAX_IMPORT_BYTES. Bytes are preferred for CSV too, because only the backend can then tell a
 * file that is not UTF-8 from one that is.
 */

export const importKinds = ['students', 'attendance', 'marks', 'incidents'] as const;
export type ImportKind = (typeof importKinds)[number];

/** 32 MiB: about a million attendance rows, far beyond a school's register. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

/** The fields each kind can fill, in the column order export writes and import auto-matches. */
export const importFields = {
  students: [
    'student_number',
    'first_name',
    'last_name',
    'full_name',
    'sex',
    'date_of_birth',
    'age',
    'grade_level',
    'entry_date',
    'ethnicity',
    'low_income',
    'class',
    'school_year',
    'absences',
    'enrolment_status',
    'status_date',
  ],
  attendance: ['student_number', 'date', 'status', 'minutes_late', 'note'],
  marks: [
    'student_number',
    'class',
    'school_year',
    'subject',
    'assessment',
    'term',
    'score',
    'maximum',
    'weight',
    'date',
  ],
  incidents: [
    'student_number',
    'date',
    'category',
    'severity',
    'action_taken',
    'suspension_days',
    'description',
  ],
} as const satisfies Record<ImportKind, readonly string[]>;
export type ImportField<K extends ImportKind = ImportKind> = (typeof importFields)[K][number];

/**
 * Where a field's value comes from: a source column's name, a constant for every row, or a
 * template such as "POR-{school}-{row}" ({row} is the spreadsheet row number, {Name} the value of
 * column Name). null leaves the field unmapped even when a column would match it by name.
 */
export const fieldSource = z.union([
  label(200),
  z.object({ constant: z.string().max(200) }).strict(),
  z.object({ template: label(200) }).strict(),
  z.null(),
]);
export type FieldSource = z.infer<typeof fieldSource>;

/** A column holding one assessment's marks, one per student row (wide layout, e.g. UCI G1). */
export const markColumn = z
  .object({
    column: label(200),
    subject: label(120),
    assessment: label(120).optional(),
    term: label(80).optional(),
    maximum: z.number().positive().max(100_000),
    weight: z.number().positive().max(1000).optional(),
    date: isoDate.optional(),
  })
  .strict();
export type MarkColumn = z.infer<typeof markColumn>;

export const importOptions = z
  .object({
    /** Auto-detected from the header row when absent. */
    separator: z.enum([',', ';', '\t', '|']).optional(),
    /** How to read dates that are not ISO (YYYY-MM-DD): day/month/year and so on. */
    dateOrder: z.enum(['dmy', 'mdy', 'ymd']).optional(),
    /** CSV text encoding; latin1 reads Windows-1252 exports from older spreadsheets. */
    encoding: z.enum(['utf8', 'latin1']).optional(),
    /** Attendance only: one row per record (long) or one column per date (wide register). */
    layout: z.enum(['long', 'wide']).optional(),
    /** XLSX only: the sheet to read, by name or 1-based number; the first by default. */
    sheet: z.union([label(100), z.number().int().min(1).max(1000)]).optional(),
    /** Students only: the date an "age" column was true on, to derive an approximate birth date. */
    ageAsOf: isoDate.optional(),
    /** Students only: the period an "absences" count covers, e.g. "2005-2006". */
    summaryPeriod: label(40).optional(),
  })
  .strict();
export type ImportOptions = z.infer<typeof importOptions>;

export const importMapping = z
  .object({
    fields: z.record(z.string(), fieldSource).optional(),
    marks: z.array(markColumn).max(200).optional(),
    options: importOptions.optional(),
  })
  .strict();
export type ImportMapping = z.infer<typeof importMapping>;

/** A mapping as saved in a file or by name: the same, plus which kind it serves. */
export const savedMappingInput = importMapping
  .extend({ name: label(80).optional(), kind: z.enum(importKinds) })
  .strict();

export const importFile = z
  .object({
    name: label(260),
    text: z.string().max(MAX_IMPORT_BYTES, 'is larger than the 32 MiB import limit').optional(),
    base64: z
      .string()
      .max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4, 'is larger than the 32 MiB import limit')
      .optional(),
    bytes: z
      .custom<Uint8Array>((b) => b instanceof Uint8Array, 'must be bytes (a Uint8Array)')
      .refine((b) => b.byteLength <= MAX_IMPORT_BYTES, 'is larger than the 32 MiB import limit')
      .optional(),
    /** Defaults to the name's extension (.xlsx, else CSV). */
    format: z.enum(['csv', 'xlsx']).optional(),
  })
  .strict()
  .refine(
    (f) => [f.text, f.base64, f.bytes].filter((c) => c !== undefined).length === 1,
    'give the content exactly once: as text, base64 or bytes',
  );

const unknownFields = (kind: ImportKind, mapping: ImportMapping | undefined): string[] =>
  Object.keys(mapping?.fields ?? {}).filter(
    (f) => !(importFields[kind] as readonly string[]).includes(f),
  );

export const importRequestInput = z
  .object({
    kind: z.enum(importKinds),
    file: importFile,
    /** An explicit mapping; fields it leaves out are matched by name. */
    mapping: importMapping.optional(),
    /** A saved mapping to start from (an explicit mapping's entries win over it). */
    mappingName: label(80).optional(),
    /** Override the mapping's options, e.g. the date order the user chose. */
    options: importOptions.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    for (const f of unknownFields(input.kind, input.mapping)) {
      ctx.addIssue({
        code: 'custom',
        path: ['mapping', 'fields', f],
        message: `is not a ${input.kind} field (fields: ${importFields[input.kind].join(', ')})`,
      });
    }
  });
export type ImportRequest = z.input<typeof importRequestInput>;

export interface ImportRejection {
  /** The spreadsheet row as the user sees it (header = row 1); null for the file as a whole. */
  row: number | null;
  column: string | null;
  value: string | null;
  reason: string;
}

export interface ImportCounts {
  created: number;
  changed: number;
  unchanged: number;
}

export interface ImportReport {
  kind: ImportKind;
  fileName: string;
  format: 'csv' | 'xlsx';
  layout: 'long' | 'wide';
  separator: string | null;
  /** imported: written; dry_run: checked, nothing written; refused: problems, nothing written. */
  outcome: 'imported' | 'dry_run' | 'refused';
  dataRows: number;
  /** Records of the kind's own table (students, attendance, marks, incidents). */
  totals: ImportCounts;
  /** Every table the file touches, e.g. students, classes, enrolments, marks. */
  tables: Record<string, ImportCounts>;
  rejections: ImportRejection[];
  /** All problems found; rejections lists the first 10,000 of them. */
  problems: number;
  rejectedRows: number;
  warnings: string[];
  /** The mapping as applied, ready to save and reuse. */
  mapping: ImportMapping;
  /** Students whose features were recomputed in the same transaction. */
  studentsRefreshed: number;
}

export interface ImportPreview {
  kind: ImportKind;
  fileName: string;
  format: 'csv' | 'xlsx';
  layout: 'long' | 'wide';
  separator: string | null;
  columns: string[];
  dataRows: number;
  /** The first rows as parsed, with their spreadsheet row numbers. */
  sample: { row: number; cells: string[] }[];
  /** The mapping that would be applied: automatic matches plus the given and saved entries. */
  mapping: ImportMapping;
  fields: { field: string; required: boolean; source: string | null }[];
  unmappedColumns: string[];
  /** Wide attendance only: the columns read as dates. */
  dateColumns: string[];
  /** Problems with the file or the mapping as a whole (a missing column, say). */
  problems: ImportRejection[];
}

export interface SavedImportMapping {
  name: string;
  kind: ImportKind;
  mapping: ImportMapping;
  updatedAt: string;
}

export const saveImportMappingInput = z
  .object({ name: label(80), kind: z.enum(importKinds), mapping: importMapping })
  .strict()
  .superRefine((input, ctx) => {
    for (const f of unknownFields(input.kind, input.mapping)) {
      ctx.addIssue({
        code: 'custom',
        path: ['mapping', 'fields', f],
        message: `is not a ${input.kind} field (fields: ${importFields[input.kind].join(', ')})`,
      });
    }
  });

/**
 * What export writes: every kind import reads (in the layout it reads back unchanged), and the
 * records only the screens create: classes, enrolments, interventions, risk scores with factors.
 */
export const exportKinds = [
  ...importKinds,
  'classes',
  'enrolments',
  'interventions',
  'risk_scores',
] as const;
export type ExportKind = (typeof exportKinds)[number];

/** An export as CSV text or as an .xlsx workbook's bytes. */
export type ExportedRecords = {
  kind: ExportKind;
  fileName: string;
  rows: number;
} & (
  | {
      format: 'csv';
      /** CSV with a UTF-8 BOM (so spreadsheets read accents right). */
      csv: string;
    }
  | { format: 'xlsx'; bytes: Uint8Array }
);

const importers = ['admin', 'head_teacher'] as const;

/** Import and export: whole-school writes, so head teachers and admins only. */
export const importRequests = {
  previewImport: request<ImportPreview>()(importRequestInput, importers),
  dryRunImport: request<ImportReport>()(importRequestInput, importers),
  runImport: request<ImportReport>()(importRequestInput, importers),
  listImportMappings: request<SavedImportMapping[]>()(
    z.object({ kind: z.enum(importKinds).optional() }).strict(),
    importers,
  ),
  saveImportMapping: request<SavedImportMapping>()(saveImportMappingInput, importers),
  deleteImportMapping: request<{ deleted: boolean }>()(
    z.object({ name: label(80) }).strict(),
    importers,
  ),
  exportRecords: request<ExportedRecords>()(
    z
      .object({
        kind: z.enum(exportKinds),
        separator: z.enum([',', ';', '\t']).optional(),
        format: z.enum(['csv', 'xlsx']).optional(),
      })
      .strict(),
    importers,
  ),
};
