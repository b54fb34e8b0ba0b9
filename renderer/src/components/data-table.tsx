import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';

interface Props<T> {
  data: T[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TanStack's own column type
  columns: ColumnDef<T, any>[];
  /** The table's accessible name, shown as its caption. */
  caption: string;
  getRowId: (row: T) => string;
  initialSorting?: SortingState;
  /** Row height in pixels used to place rows before they are measured. */
  rowHeight?: number;
  /** Above this many rows only the rows in view are drawn. */
  virtualAbove?: number;
}

/**
 * A sortable table for lists of any length: a real <table> (so screen readers can move by row
 * and column), sorted by clicking or pressing Enter on a column heading, and virtualised past
 * `virtualAbove` rows: only the rows in view exist, with spacer rows keeping the scroll height.
 */
export function DataTable<T>({
  data,
  columns,
  caption,
  getRowId,
  initialSorting = [],
  rowHeight = 44,
  virtualAbove = 150,
}: Props<T>) {
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  // The app does not use the React Compiler; the table re-renders with its own state.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const rows = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = rows.length > virtualAbove;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    enabled: virtual,
  });
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const shown = virtual ? items.map((item) => rows[item.index]!) : rows;
  const before = virtual && items.length > 0 ? items[0]!.start : 0;
  const after =
    virtual && items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const width = table.getVisibleLeafColumns().length;

  return (
    <div
      ref={scroller}
      className={virtual ? 'data-table-scroll data-table-virtual' : 'data-table-scroll'}
    >
      <table className="data-table" aria-rowcount={virtual ? rows.length + 1 : undefined}>
        <caption>{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={
                      sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                    }
                  >
                    {header.column.getCanSort() ? (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={header.column.getToggleSortingHandler()}
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
          {before > 0 && <SpacerRow height={before} width={width} />}
          {shown.map((row, i) => (
            <tr
              key={row.id}
              aria-rowindex={virtual ? items[i]!.index + 2 : undefined}
              data-index={virtual ? items[i]!.index : undefined}
              ref={virtual ? virtualizer.measureElement : undefined}
            >
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
            </tr>
          ))}
          {after > 0 && <SpacerRow height={after} width={width} />}
        </tbody>
      </table>
    </div>
  );
}

/** Stands in for the rows out of view, so the scroll bar matches the whole list. */
function SpacerRow({ height, width }: { height: number; width: number }) {
  return (
    <tr aria-hidden="true" className="spacer-row">
      {/* Height through the CSSOM, which the style-src policy allows. */}
      <td colSpan={width} style={{ height }} />
    </tr>
  );
}
