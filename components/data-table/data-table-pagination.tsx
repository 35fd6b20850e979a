'use client';

import { useId } from 'react';
import { formatCount } from '@/components/ui/class-names';
import { pageRange } from '@/lib/url-state/page-range';

export interface DataTablePaginationProps {
  page: number;
  pageSize: number;
  pageSizes: readonly number[];
  /** Rows matching the current search and filters. */
  total: number;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
  /** What the rows are, for the summary: "Showing 51–100 of 100,000 accounts". */
  noun?: string;
}

/** "Showing 51–100 of 100,000", a "Rows per page" select, and First/Previous/Next/Last. */
export function DataTablePagination({ page, pageSize, pageSizes, total, onPageChange, onPageSizeChange, noun }: DataTablePaginationProps) {
  const sizeId = useId();
  const { from, to, pageCount, isPastEnd } = pageRange(page, pageSize, total);
  const suffix = noun ? ` ${noun}` : '';
  const summary =
    total === 0
      ? `No${noun ? ` ${noun}` : ' rows'} to show`
      : isPastEnd
        ? `Page ${formatCount(page)} is past the end: ${formatCount(total)}${suffix} in ${formatCount(pageCount)} pages`
        : `Showing ${formatCount(from)}–${formatCount(to)} of ${formatCount(total)}${suffix}`;
  const canGoBack = page > 1;
  const canGoForward = page < pageCount;

  return (
    <nav className="pagination" aria-label="Pagination">
      <p className="pagination-info" aria-live="polite">
        {summary}
      </p>
      <div className="row row-wrap" style={{ gap: 'var(--space-4)' }}>
        <div className="pagination-size">
          <label htmlFor={sizeId}>Rows per page</label>
          <select id={sizeId} className="select" value={pageSize} onChange={(event) => onPageSizeChange(Number(event.target.value))}>
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </div>
        <div className="pagination-controls">
          <span className="pagination-page">
            Page {formatCount(page)} of {formatCount(pageCount)}
          </span>
          <PageButton label="First page" disabled={!canGoBack} onClick={() => onPageChange(1)} path="M11.5 3.5L7 8l4.5 4.5M4.5 3.5v9" />
          <PageButton label="Previous page" disabled={!canGoBack} onClick={() => onPageChange(Math.min(page - 1, pageCount))} path="M10 3.5L5.5 8l4.5 4.5" />
          <PageButton label="Next page" disabled={!canGoForward} onClick={() => onPageChange(page + 1)} path="M6 3.5L10.5 8 6 12.5" />
          <PageButton label="Last page" disabled={page === pageCount} onClick={() => onPageChange(pageCount)} path="M4.5 3.5L9 8l-4.5 4.5M11.5 3.5v9" />
        </div>
      </div>
    </nav>
  );
}

/**
 * The part of a table's URL state that paging needs. `useTableUrlState` gives it, and so does any
 * hook with the same setters (the import page's detail tables).
 */
export interface PageableUrlState {
  state: { page: number; pageSize: number };
  setPage: (page: number) => void;
  setPageSize: (pageSize: number) => void;
}

export interface UrlDataTablePaginationProps extends Pick<DataTablePaginationProps, 'pageSizes' | 'total' | 'noun'> {
  url: PageableUrlState;
  /** Shows nothing while there is nothing to page through: no rows, and on page 1. */
  hideWhenEmpty?: boolean;
}

/** `DataTablePagination` reading the page and page size from the URL state and writing changes back to it. */
export function UrlDataTablePagination({ url, pageSizes, total, noun, hideWhenEmpty = false }: UrlDataTablePaginationProps) {
  if (hideWhenEmpty && total === 0 && url.state.page === 1) return null;
  return (
    <DataTablePagination
      page={url.state.page}
      pageSize={url.state.pageSize}
      pageSizes={pageSizes}
      total={total}
      onPageChange={url.setPage}
      onPageSizeChange={url.setPageSize}
      noun={noun}
    />
  );
}

function PageButton({ label, disabled, onClick, path }: { label: string; disabled: boolean; onClick: () => void; path: string }) {
  return (
    <button type="button" className="button button-secondary button-sm button-icon" aria-label={label} title={label} disabled={disabled} onClick={onClick}>
      <svg viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
        <path d={path} />
      </svg>
    </button>
  );
}
