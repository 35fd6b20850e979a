import { Skeleton } from '@/components/ui/skeleton';

export interface DataTableSkeletonProps {
  /** Column headers to show, or how many blank columns. */
  columns: readonly string[] | number;
  rows?: number;
  /** How many filter buttons to sketch next to the search box; `false` hides the toolbar. */
  filters?: number | false;
  /** What is loading, for screen readers: "Loading accounts…". */
  label?: string;
}

/** The Suspense fallback for a data table: toolbar, header, rows and pagination, in grey. */
export function DataTableSkeleton({ columns, rows = 10, filters = 2, label = 'Loading table…' }: DataTableSkeletonProps) {
  const headers = typeof columns === 'number' ? Array.from({ length: columns }, () => '') : columns;
  return (
    <div aria-busy="true">
      <p className="visually-hidden">
        {label}
      </p>
      {filters !== false && (
        <div className="toolbar" aria-hidden="true">
          <Skeleton width="18rem" height="2rem" />
          {Array.from({ length: filters }, (_, index) => (
            <Skeleton key={index} width="6.5rem" height="2rem" />
          ))}
        </div>
      )}
      <div className="table-scroll" aria-hidden="true">
        <table className="table table-skeleton">
          <thead>
            <tr>
              {headers.map((header, index) => (
                <th key={index} scope="col">
                  {header || <Skeleton width="5rem" />}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, row) => (
              <tr key={row}>
                {headers.map((_, column) => (
                  <td key={column}>
                    <Skeleton width={`${55 + ((row * 7 + column * 13) % 40)}%`} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="pagination" aria-hidden="true">
        <Skeleton width="12rem" />
        <Skeleton width="16rem" height="1.625rem" />
      </div>
    </div>
  );
}
