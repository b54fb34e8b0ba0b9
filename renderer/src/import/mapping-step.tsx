import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../contract';
import { useFormat } from '../i18n/format';
import type { FieldSources } from './mapping-edits';

interface Props {
  preview: ImportPreview;
  sources: FieldSources;
  onSourceChange: (field: string, source: string | null) => void;
}

/** The value of the "keep the saved constant or template" option, never a column name. */
const KEPT = '\u0000kept';

/**
 * Step 2: each field with the column it is read from (auto-matched, any other column or none),
 * the file's problems, and its first rows as parsed, so the user can see the match is right.
 */
export function MappingStep({ preview, sources, onSourceChange }: Props) {
  const { t } = useTranslation('import');
  const { number } = useFormat();
  const id = useId();
  return (
    <>
      <p>{t('map.rows', { n: number(preview.dataRows) })}</p>
      {preview.problems.length > 0 && (
        <div role="alert" className="alert alert-error">
          <p className="alert-title">{t('map.problems')}</p>
          <ul lang="en">
            {preview.problems.map((p, i) => (
              <li key={i}>{p.reason}</li>
            ))}
          </ul>
        </div>
      )}
      <table className="mapping-table">
        <caption>{t('map.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('map.field')}</th>
            <th scope="col">{t('map.source')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.fields.map(({ field, required }) => {
            const source = sources[field] ?? null;
            const kept = source !== null && typeof source === 'object';
            const selectId = `${id}-${field}`;
            return (
              <tr key={field}>
                <th scope="row">
                  <label htmlFor={selectId}>
                    <code>{field}</code>
                    {required && <span className="muted"> ({t('map.required')})</span>}
                  </label>
                </th>
                <td>
                  <select
                    id={selectId}
                    value={kept ? KEPT : (source ?? '')}
                    onChange={(e) =>
                      e.target.value !== KEPT && onSourceChange(field, e.target.value || null)
                    }
                  >
                    <option value="">{t('map.notMapped')}</option>
                    {kept && (
                      <option value={KEPT}>
                        {t('map.kept', {
                          source: 'constant' in source ? source.constant : source.template,
                        })}
                      </option>
                    )}
                    {preview.columns.map((column) => (
                      <option key={column} value={column}>
                        {column}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {preview.unmappedColumns.length > 0 && (
        <p className="muted">
          {t('map.unmapped', { columns: preview.unmappedColumns.join(', ') })}
        </p>
      )}
      {preview.sample.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('map.sample')}>
          <table>
            <caption>{t('map.sample')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('map.row')}</th>
                {preview.columns.map((column, i) => (
                  <th key={i} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.sample.map((r) => (
                <tr key={r.row}>
                  <th scope="row">{r.row}</th>
                  {preview.columns.map((_, i) => (
                    <td key={i}>{r.cells[i] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
