import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistrictSchool } from '../../../contract';
import { DataTable } from '../components/data-table';
import { useFormat } from '../i18n/format';

const column = createColumnHelper<DistrictSchool>();
const none = '—';

/** The attendance trend in words (up, down, steady) with the month it is for. */
function useTrendWords() {
  const { t } = useTranslation('district');
  const format = useFormat();
  return (trend: DistrictSchool['attendanceTrend']): string => {
    if (!trend) return t('trend.none');
    const points = Math.abs(trend.change * 100);
    const month = format.month(trend.month);
    if (points < 0.05) return t('trend.steady', { month });
    return t(trend.change > 0 ? 'trend.up' : 'trend.down', {
      points: format.number(points, 1),
      month,
    });
  };
}

/**
 * The schools side by side, sortable by any column: tiers under their words, chronic absence as
 * a rate with its counts, interventions, probable transfers and the attendance trend in words.
 */
export function SchoolsTable({ schools }: { schools: DistrictSchool[] }) {
  const { t } = useTranslation('district');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const trendWords = useTrendWords();
  const columns = useMemo(
    () => [
      column.accessor((s) => s.name, {
        id: 'school',
        header: () => t('column.school'),
        cell: (c) =>
          c.row.original.code ? `${c.getValue()} (${c.row.original.code})` : c.getValue(),
      }),
      column.accessor('students', {
        header: () => t('column.students'),
        cell: (c) => format.number(c.getValue()),
      }),
      ...(['high', 'medium', 'low'] as const).map((tier) =>
        column.accessor((s) => s.tiers[tier], {
          id: tier,
          header: () => tc(`tier.${tier}`),
          cell: (c) => format.number(c.getValue()),
        }),
      ),
      column.accessor((s) => s.tiers.unscored, {
        id: 'unscored',
        header: () => t('column.unscored'),
        cell: (c) => format.number(c.getValue()),
      }),
      column.accessor((s) => s.chronic.rate ?? -1, {
        id: 'chronic',
        header: () => t('column.chronic'),
        cell: (c) => {
          const { rate, students, measured } = c.row.original.chronic;
          return rate === null
            ? none
            : t('chronicValue', {
                rate: format.percent(rate, 1),
                students: format.number(students),
                measured: format.number(measured),
              });
        },
      }),
      column.accessor((s) => s.interventions.open, {
        id: 'open',
        header: () => t('column.open'),
        cell: (c) => format.number(c.getValue()),
      }),
      column.accessor((s) => s.interventions.overdue, {
        id: 'overdue',
        header: () => t('column.overdue'),
        cell: (c) => format.number(c.getValue()),
      }),
      column.accessor((s) => s.interventions.done, {
        id: 'done',
        header: () => t('column.done'),
        cell: (c) => format.number(c.getValue()),
      }),
      column.accessor('probableTransfersOut', {
        header: () => t('column.transfers'),
        cell: (c) => format.number(c.getValue()),
      }),
      column.accessor((s) => s.attendanceTrend?.change ?? Number.NEGATIVE_INFINITY, {
        id: 'trend',
        header: () => t('column.trend'),
        cell: (c) => trendWords(c.row.original.attendanceTrend),
      }),
    ],
    [t, tc, format, trendWords],
  );
  return (
    <DataTable
      data={schools}
      columns={columns}
      caption={t('schoolsCaption')}
      getRowId={(s) => s.schoolId}
      initialSorting={[{ id: 'school', desc: false }]}
    />
  );
}

/** Each school's attendance rate per month of its school year: the figures behind the trend. */
export function MonthsTable({ months, schools }: { months: string[]; schools: DistrictSchool[] }) {
  const { t } = useTranslation('district');
  const format = useFormat();
  return (
    <div className="data-table-scroll">
      <table className="data-table">
        <caption>{t('monthsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('column.school')}</th>
            {months.map((m) => (
              <th key={m} scope="col">
                {format.month(m)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {schools.map((s) => {
            const byMonth = new Map(s.months.map((m) => [m.month, m.attendanceRate]));
            return (
              <tr key={s.schoolId}>
                <th scope="row">{s.name}</th>
                {months.map((m) => {
                  const rate = byMonth.get(m);
                  return (
                    <td key={m}>
                      {rate === null || rate === undefined ? none : format.percent(rate, 1)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
