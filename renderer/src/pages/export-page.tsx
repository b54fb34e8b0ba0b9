import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportedRecords, Failure } from '../../../contract';
import { exportKinds, type ExportKind } from '../../../contract/domains/import';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { csvType, downloadFile, xlsxType } from '../files/download';
import { ask, failureOf } from '../query/ask';
import '../import/import.css';

const separators = { comma: ',', semicolon: ';', tab: '\t' } as const;
type Separator = keyof typeof separators;
type Outcome = { kind: 'done'; exported: ExportedRecords } | { kind: 'failed'; failure: Failure };

/** Saves every kind of record the backend exports, as CSV or .xlsx, through a download. */
export function ExportPage() {
  const { t } = useTranslation('export');
  const { t: tc } = useTranslation();
  const id = useId();
  const [kind, setKind] = useState<ExportKind>('students');
  const [format, setFormat] = useState<'csv' | 'xlsx'>('csv');
  const [separator, setSeparator] = useState<Separator>('comma');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setOutcome(null);
    try {
      const exported = await ask('exportRecords', {
        kind,
        format,
        ...(format === 'csv' ? { separator: separators[separator] } : {}),
      });
      if (exported.format === 'csv') downloadFile(exported.fileName, exported.csv, csvType);
      else downloadFile(exported.fileName, exported.bytes, xlsxType);
      setOutcome({ kind: 'done', exported });
    } catch (error) {
      setOutcome({ kind: 'failed', failure: failureOf(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page heading={t('title')} lead={t('lead')} busy={busy}>
      {outcome?.kind === 'failed' && <ErrorNotice failure={outcome.failure} title={t('failed')} />}
      <form aria-label={t('form')} noValidate onSubmit={(e) => void submit(e)}>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t('kindLabel')}</label>
            <select
              id={`${id}-kind`}
              value={kind}
              onChange={(e) => setKind(e.target.value as ExportKind)}
            >
              {exportKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-format`}>{t('formatLabel')}</label>
            <select
              id={`${id}-format`}
              value={format}
              onChange={(e) => setFormat(e.target.value === 'xlsx' ? 'xlsx' : 'csv')}
            >
              <option value="csv">{t('format.csv')}</option>
              <option value="xlsx">{t('format.xlsx')}</option>
            </select>
          </div>
          {format === 'csv' && (
            <div className="field">
              <label htmlFor={`${id}-separator`}>{t('separatorLabel')}</label>
              <select
                id={`${id}-separator`}
                value={separator}
                onChange={(e) => setSeparator(e.target.value as Separator)}
              >
                {(Object.keys(separators) as Separator[]).map((s) => (
                  <option key={s} value={s}>
                    {t(`separator.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('exporting') : t('submit')}
          </button>
          <p role="status">
            {outcome?.kind === 'done'
              ? t('done', { file: outcome.exported.fileName, rows: outcome.exported.rows })
              : busy
                ? tc('progress.working')
                : ''}
          </p>
        </div>
      </form>
    </Page>
  );
}
