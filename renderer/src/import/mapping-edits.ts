import type { FieldSource, ImportMapping, ImportPreview } from '../../../contract';

/** The source of each field the user can see in the mapping table, as they have set it. */
export type FieldSources = Record<string, FieldSource>;

/**
 * The sources the preview applied, one per listed field: a column's name, a saved constant or
 * template kept as it was, or null where nothing matched.
 */
export function initialSources(preview: ImportPreview): FieldSources {
  const applied = preview.mapping.fields ?? {};
  return Object.fromEntries(
    preview.fields.map(({ field, source }) => {
      const saved = applied[field];
      if (saved !== undefined && saved !== null && typeof saved === 'object') return [field, saved];
      return [field, source !== null && preview.columns.includes(source) ? source : null];
    }),
  );
}

/** The mapping to check and import with: the preview's (options, mark columns) plus the user's sources. */
export function editedMapping(preview: ImportPreview, sources: FieldSources): ImportMapping {
  return { ...preview.mapping, fields: { ...preview.mapping.fields, ...sources } };
}
