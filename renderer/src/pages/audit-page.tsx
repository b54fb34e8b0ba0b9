import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../../contract';
import { AuditFiltersForm, type AuditFilters } from '../audit/audit-filters-form';
import { AuditTable } from '../audit/audit-table';
import '../audit/audit.css';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { csvType, downloadFile } from '../files/download';
import { useFormat } from '../i18n/format';
import { ask, failureOf } from '../query/ask';

/** Entries read per page; the contract allows up to 500. */
const PAGE = 100;

type Exported = { kind: 'done'; file: string; rows: number } | { kind: 'failed'; failure: Failure };

/**
 * The audit log, newest first, in pages of 100 with "show older"; filtered by table, action,
 * person and days; exported as CSV with the same filters (the export is itself audited).
 */
export function AuditPage() {
  const { t } = useTranslation('audit');
  const { t: tc } = useTranslation();
  const { number } = useFormat();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [exported, setExported] = useState<Exported | null>(null);
  const [exporting, setExporting] = useState(false);
  // The key starts with the request's name, so dataChanged invalidation refreshes it.
  const log = useInfiniteQuery({
    queryKey: ['listAuditLog', filters] as const,
    queryFn: ({ pageParam }) =>
      ask('listAuditLog', { ...filters, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];

  async function exportCsv() {
    setExporting(true);
    setExported(null);
    try {
      const answer = await ask('exportAuditLog', filters);
      downloadFile(answer.fileName, answer.csv, csvType);
      setExported({ kind: 'done', file: answer.fileName, rows: answer.rowCount });
    } catch (error) {
      setExported({ kind: 'failed', failure: failureOf(error) });
    } finally {
      setExporting(false);
    }
  }

  return (
    <Page
      heading={t('title')}
      lead={t('lead')}
      busy={log.isFetching}
      actions={
        <button type="button" disabled={exporting} onClick={() => void exportCsv()}>
          {t('export')}
        </button>
      }
    >
      <p role="status">
        {exported?.kind === 'done'
          ? t('exported', { file: exported.file, n: number(exported.rows) })
          : ''}
      </p>
      {exported?.kind === 'failed' && (
        <ErrorNotice failure={exported.failure} title={t('exportFailed')} />
      )}
      <AuditFiltersForm initial={filters} onApply={setFilters} />
      {log.isPending ? (
        <p role="status">{tc('loading')}</p>
      ) : log.isError ? (
        <ErrorNotice failure={failureOf(log.error)} title={t('readFailed')} />
      ) : entries.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <>
          <AuditTable entries={entries} />
          <p className="muted">{t('shown', { n: number(entries.length) })}</p>
          {log.hasNextPage && (
            <button
              type="button"
              disabled={log.isFetchingNextPage}
              onClick={() => void log.fetchNextPage()}
            >
              {log.isFetchingNextPage ? t('loadingMore') : t('more')}
            </button>
          )}
        </>
      )}
    </Page>
  );
}
