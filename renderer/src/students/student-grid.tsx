import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type Cell,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StudentSortColumn, StudentTableRow } from '../../../contract';
import { useFormat } from '../i18n/format';

/** Every row has the same height, so the virtualiser never measures. */
const rowHeight = 44;

interface Props {
  rows: readonly StudentTableRow[];
  sort: StudentSortColumn;
  descending: boolean;
  onSort(column: StudentSortColumn, descending: boolean): void;
  /** Absent for roles that may not edit students. */
  onEdit?: (row: StudentTableRow) => void;
  onStatus?: (row: StudentTableRow) => void;
}

const sortable = (id: string): id is StudentSortColumn => id !== 'actions';

/**
 * Thousands of students in one scrolling table that renders only the rows in view (TanStack
 * Virtual), with columns and sort headers from TanStack Table. The backend sorts; a header
 * click asks for the other order.
 */
export function StudentGrid({ rows, sort, descending, onSort, onEdit, onStatus }: Props) {
  const { t } = useTranslation('students');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const scroller = useRef<HTMLDivElement>(null);

  const columns = useMemo<ColumnDef<StudentTableRow>[]>(() => {
    const list: ColumnDef<StudentTableRow>[] = [
      {
        id: 'name',
        header: t('column.name'),
        cell: ({ row: { original: s } }) => (
          <>
            <Link to={`/students/${s.id}`}>{`${s.lastName}, ${s.firstName}`}</Link>
            {s.archived && <span className="muted">{` (${t('archived')})`}</span>}
          </>
        ),
      },
      { id: 'number', header: t('column.number'), cell: ({ row }) => row.original.studentNumber },
      { id: 'class', header: t('column.class'), cell: ({ row }) => row.original.className ?? '' },
      {
        id: 'grade',
        header: t('column.grade'),
        cell: ({ row }) => (row.original.gradeLevel === null ? '' : row.original.gradeLevel),
      },
      {
        id: 'risk',
        header: t('column.risk'),
        cell: ({ row: { original: s } }) =>
          s.tier ? (
            <span className={`tier tier-${s.tier}`}>{tc(`tier.${s.tier}`)}</span>
          ) : (
            <span className="muted">{t('notScored')}</span>
          ),
      },
      {
        id: 'attendance30d',
        header: t('column.attendance30d'),
        cell: ({ row }) =>
          row.original.attendance30d === null ? '' : format.percent(row.original.attendance30d),
      },
      {
        id: 'status',
        header: t('column.status'),
        cell: ({ row }) => t(`statusName.${row.original.status}`),
      },
    ];
    if (onEdit && onStatus) {
      list.push({
        id: 'actions',
        header: t('column.actions'),
        cell: ({ row: { original: s } }) => {
          const name = `${s.firstName} ${s.lastName}`;
          return (
            <span className="student-actions">
              <button
                type="button"
                aria-label={t('editStudent', { name })}
                onClick={() => onEdit(s)}
              >
                {t('edit')}
              </button>
              <button
                type="button"
                aria-label={t('changeStatusOf', { name })}
                onClick={() => onStatus(s)}
              >
                {t('changeStatus')}
              </button>
            </span>
          );
        },
      });
    }
    return list;
  }, [t, tc, format, onEdit, onStatus]);

  const sorting: SortingState = [{ id: sort, desc: descending }];
  // eslint-disable-next-line react-hooks/incompatible-library -- the table is read in this render only
  const table = useReactTable({
    data: rows as StudentTableRow[],
    columns,
    state: { sorting },
    manualSorting: true,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
  });
  const tableRows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  const width = columns.length;

  return (
    <div
      ref={scroller}
      className="student-scroll"
      role="region"
      aria-label={t('tableLabel')}
      tabIndex={0}
    >
      <table className="student-table" aria-rowcount={tableRows.length + 1}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => {
                const id = header.column.id;
                const active = id === sort;
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={`col-${id}`}
                    aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}
                  >
                    {sortable(id) ? (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() => onSort(id, active ? !descending : id === 'risk')}
                      >
                        {label}
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {before > 0 && (
            <tr aria-hidden="true">
              <td colSpan={width} style={{ height: before, padding: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const row = tableRows[item.index];
            return row ? (
              <StudentRow key={row.id} cells={row.getVisibleCells()} index={item.index} />
            ) : null;
          })}
          {after > 0 && (
            <tr aria-hidden="true">
              <td colSpan={width} style={{ height: after, padding: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/**
 * One student's row. Memoised: a scroll renders only the rows coming into view, not again
 * every row still in it (TanStack keeps a row's cells while its rows and columns stay; new
 * columns, say in another language, give new cells).
 */
const StudentRow = memo(function StudentRow({
  cells,
  index,
}: {
  cells: Cell<StudentTableRow, unknown>[];
  index: number;
}) {
  return (
    <tr aria-rowindex={index + 2} data-index={index}>
      {cells.map((cell) =>
        cell.column.id === 'name' ? (
          <th key={cell.id} scope="row">
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </th>
        ) : (
          <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
        ),
      )}
    </tr>
  );
});
