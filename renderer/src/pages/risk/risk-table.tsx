import { createColumnHelper } from '@tanstack/react-table';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RiskListEntry } from '../../../../contract';
import { DataTable } from '../../components/data-table';
import { useFormat } from '../../i18n/format';
import { factorWords } from '../../risk/factor-words';

const column = createColumnHelper<RiskListEntry>();

/** The main reason behind a score, in the reader's words; empty when there is none. */
function useMainReason() {
  const { t, i18n } = useTranslation('factors');
  return useCallback(
    (entry: RiskListEntry) => {
      const first = entry.factors.find((f) => f.kind === 'indicator' && f.direction === 'raises');
      return first ? factorWords(first, t, i18n.language) : '';
    },
    [t, i18n.language],
  );
}

/**
 * Every scored student as a sortable, virtualised table: the name opens the profile, the tier
 * is a word as well as a colour.
 */
export function RiskTable({ entries }: { entries: RiskListEntry[] }) {
  const { t } = useTranslation('risk');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const reason = useMainReason();
  const columns = useMemo(
    () => [
      column.accessor('name', {
        header: () => t('column.name'),
        cell: (c) => <Link to={`/students/${c.row.original.studentId}`}>{c.getValue()}</Link>,
      }),
      column.accessor('studentNumber', { header: () => t('column.number') }),
      column.accessor((e) => e.className ?? '', {
        id: 'className',
        header: () => t('column.className'),
      }),
      column.accessor('tier', {
        header: () => t('column.tier'),
        sortingFn: (a, b) => a.original.score - b.original.score,
        cell: (c) => (
          <span className={`tier tier-${c.getValue()}`}>{tc(`tier.${c.getValue()}`)}</span>
        ),
      }),
      column.accessor('score', {
        header: () => t('column.score'),
        cell: (c) => format.percent(c.getValue()),
      }),
      column.display({
        id: 'reason',
        header: () => t('column.reason'),
        cell: (c) => reason(c.row.original),
      }),
    ],
    [t, tc, format, reason],
  );
  return (
    <DataTable
      data={entries}
      columns={columns}
      caption={t('tableCaption')}
      getRowId={(e) => e.studentId}
      initialSorting={[{ id: 'score', desc: true }]}
    />
  );
}
