import { DataTableSkeleton } from '@/components/data-table/data-table-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

/** Shown while a console page renders on the server: a header and a table, in grey. */
export default function ConsoleLoading() {
  return (
    <div className="stack">
      <div className="page-header" aria-hidden="true">
        <div className="page-header-text">
          <Skeleton width="8rem" height="0.75rem" />
          <Skeleton width="16rem" height="1.5rem" />
        </div>
      </div>
      <DataTableSkeleton columns={5} rows={8} label="Loading the page…" />
    </div>
  );
}
