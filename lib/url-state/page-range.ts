export interface PageRange {
  /** 1-based index of the first row shown, 0 when there are none. */
  from: number;
  /** 1-based index of the last row shown, 0 when there are none. */
  to: number;
  /** At least 1, so "Page 1 of 1" reads right for an empty table. */
  pageCount: number;
  /** True when the requested page lies past the last one (a stale or hand-edited URL). */
  isPastEnd: boolean;
}

/** Which rows a page shows out of `total`, for "Showing 51–100 of 100,000". */
export function pageRange(page: number, pageSize: number, total: number): PageRange {
  const safeTotal = Math.max(0, Math.floor(total));
  const pageCount = Math.max(1, Math.ceil(safeTotal / pageSize));
  const first = (page - 1) * pageSize + 1;
  if (safeTotal === 0 || first > safeTotal) {
    return { from: 0, to: 0, pageCount, isPastEnd: safeTotal > 0 || page > 1 };
  }
  return { from: first, to: Math.min(page * pageSize, safeTotal), pageCount, isPastEnd: false };
}
