'use client';

import { FlexRender, type Header, type RowData } from '@tanstack/react-table';
import { cx } from '@/components/ui/class-names';
import type { DataTableFeatures } from './features';
import type { DataTableSort } from './data-table';

interface DataTableHeaderCellProps<TData extends RowData> {
  header: Header<DataTableFeatures, TData, unknown>;
  sortable: boolean;
  sort: DataTableSort | undefined;
  onSortChange: ((sort: DataTableSort) => void) | undefined;
}

/**
 * A column header. A sortable one holds a `<button>` (so it is reachable by Tab and activated by
 * Enter or Space) and, while it is the sort column, `aria-sort` on the `<th>`.
 */
export function DataTableHeaderCell<TData extends RowData>({ header, sortable, sort, onSortChange }: DataTableHeaderCellProps<TData>) {
  const { column } = header;
  const meta = column.columnDef.meta;
  const active = sort?.key === column.id ? sort.dir : undefined;
  const className = cx(meta?.numeric && 'num', meta?.headerClassName);

  if (header.isPlaceholder) return <th scope="col" colSpan={header.colSpan > 1 ? header.colSpan : undefined} className={className} />;

  if (!sortable || !onSortChange) {
    return (
      <th scope="col" colSpan={header.colSpan > 1 ? header.colSpan : undefined} className={className}>
        <FlexRender header={header} />
      </th>
    );
  }

  const toggle = () => {
    // The server always sorts by something, so the cycle is first direction ⇄ the other one.
    const next = active ? (active === 'asc' ? 'desc' : 'asc') : column.getFirstSortDir();
    onSortChange({ key: column.id, dir: next });
  };

  return (
    <th
      scope="col"
      colSpan={header.colSpan > 1 ? header.colSpan : undefined}
      className={className}
      aria-sort={active === 'asc' ? 'ascending' : active === 'desc' ? 'descending' : undefined}
    >
      <button type="button" className="table-sort" onClick={toggle}>
        <FlexRender header={header} />
        <SortIcon dir={active} />
      </button>
    </th>
  );
}

function SortIcon({ dir }: { dir: 'asc' | 'desc' | undefined }) {
  return (
    <svg className="table-sort-icon" viewBox="0 0 12 12" fill="currentColor" aria-hidden="true">
      {dir !== 'desc' && <path d="M6 2l3.5 4h-7z" opacity={dir === 'asc' ? 1 : 0.8} />}
      {dir !== 'asc' && <path d="M6 10L2.5 6h7z" opacity={dir === 'desc' ? 1 : 0.8} />}
    </svg>
  );
}
