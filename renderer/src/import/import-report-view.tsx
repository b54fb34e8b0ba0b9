import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../contract';
import { csvType, downloadFile } from '../files/download';
import { toCsvText } from '../files/csv-text';
import { useFormat } from '../i18n/format';

/** The rejections as a CSV to open beside the spreadsheet: row, column, value, reason. */
export function rejectionsCsv(report: ImportReport): string {
  return toCsvText([
    ['row', 'column', 'value', 'reason'],
    ...report.rejections.map((r) => [
      r.row === null ? '' : String(r.row),
      r.column ?? '',
      r.value ?? '',
      r.reason,
    ]),
  ]);
}

const reportFileName = (report: ImportReport) =>
  `${report.fileName.replace(/\.[^.]*$/, '')}-rejected-rows.csv`;

/**
 * A dry run's or an import's report: the outcome in words, the records per table, and every
 * rejected row with its reason (the backend's words, in English, since they name the rule),
 * downloadable as CSV.
 */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation('import');
  const { number } = useFormat();
  const tables = Object.entries(report.tables);
  return (
    <div className="import-report">
      <h2>{t(`report.${report.outcome === 'dry_run' ? 'dryRun' : report.outcome}`)}</h2>
      <p>
        {t('report.summary', {
          rows: number(report.dataRows),
          problems: number(report.problems),
          rejected: number(report.rejectedRows),
        })}
      </p>
      {tables.length > 0 && (
        <table>
          <caption>{t('report.counts')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.table')}</th>
              <th scope="col">{t('report.created')}</th>
              <th scope="col">{t('report.changed')}</th>
              <th scope="col">{t('report.unchanged')}</th>
            </tr>
          </thead>
          <tbody>
            {tables.map(([table, c]) => (
              <tr key={table}>
                <th scope="row">
                  <code>{table}</code>
                </th>
                <td className="number">{number(c.created)}</td>
                <td className="number">{number(c.changed)}</td>
                <td className="number">{number(c.unchanged)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.studentsRefreshed > 0 && (
        <p>{t('report.refreshed', { n: number(report.studentsRefreshed) })}</p>
      )}
      {report.warnings.length > 0 && (
        <>
          <h3>{t('report.warnings')}</h3>
          <ul lang="en">
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      )}
      {report.rejections.length > 0 && <Rejections report={report} />}
    </div>
  );
}

function Rejections({ report }: { report: ImportReport }) {
  const { t } = useTranslation('import');
  const { number } = useFormat();
  return (
    <>
      <p className="callout">{t('report.fix')}</p>
      <div className="form-actions">
        <button
          type="button"
          onClick={() => downloadFile(reportFileName(report), rejectionsCsv(report), csvType)}
        >
          {t('report.download')}
        </button>
      </div>
      {report.problems > report.rejections.length && (
        <p className="muted">
          {t('report.listed', {
            shown: number(report.rejections.length),
            total: number(report.problems),
          })}
        </p>
      )}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('report.rejections')}>
        <table>
          <caption>{t('report.rejections')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.row')}</th>
              <th scope="col">{t('report.column')}</th>
              <th scope="col">{t('report.value')}</th>
              <th scope="col">{t('report.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rejections.map((r, i) => (
              <tr key={i}>
                <th scope="row">{r.row === null ? t('report.wholeFile') : r.row}</th>
                <td>{r.column ?? ''}</td>
                <td>{r.value ?? ''}</td>
                <td lang="en">{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
