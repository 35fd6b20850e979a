'use client';

import { DataTable } from '@/components/data-table/data-table';
import { UrlDataTablePagination } from '@/components/data-table/data-table-pagination';
import { dataTableColumns } from '@/components/data-table/features';
import { Badge } from '@/components/ui/badge';
import { formatCount } from '@/components/ui/class-names';
import { EmptyState } from '@/components/ui/empty-state';
import { logLevels, type LogLevel } from '@/lib/enums';
import type { ImportLogLine } from '@/lib/data/imports';
import { FilterSelect } from '@/app/(console)/imports/_components/filter-select';
import { logLevelWords } from '@/app/(console)/imports/_components/import-words';
import { logPageSizes } from '../../search-params';
import { useDetailTable } from './use-detail-table';

const column = dataTableColumns<ImportLogLine>();

const columns = [
  column.display({
    id: 'row',
    header: 'Row',
    meta: { numeric: true },
    cell: ({ row }) => (row.original.row === null ? <span className="muted">Feed</span> : formatCount(row.original.row)),
  }),
  column.display({
    id: 'field',
    header: 'Field',
    cell: ({ row }) => (row.original.field ? <span className="mono">{row.original.field}</span> : <span className="muted">—</span>),
  }),
  column.display({
    id: 'level',
    header: 'Level',
    cell: ({ row }) => <Badge tone={logLevelWords[row.original.level].tone}>{logLevelWords[row.original.level].label}</Badge>,
  }),
  column.display({ id: 'message', header: 'Message', cell: ({ row }) => row.original.message }),
];

export interface ImportLogTableProps {
  lines: ImportLogLine[];
  /** Lines matching the level filter. */
  total: number;
  /** Lines per level, whatever the filter. */
  byLevel: Record<string, number>;
}

/** The import's log: row-level errors and warnings, and notes about the whole feed; filterable by level. */
export function ImportLogTable({ lines, total, byLevel }: ImportLogTableProps) {
  const table = useDetailTable('log');
  const level = table.state.filter as LogLevel | null;
  const all = logLevels.reduce((sum, level) => sum + (byLevel[level] ?? 0), 0);
  return (
    <div>
      <FilterSelect
        label="Level"
        value={table.state.filter}
        allLabel={`All (${formatCount(all)})`}
        options={(['error', 'warning', 'info'] as const).map((level) => ({
          value: level,
          label: `${logLevelWords[level].plural} (${formatCount(byLevel[level] ?? 0)})`,
        }))}
        onChange={table.setFilter}
      />
      <DataTable
        caption="Import log"
        columns={columns}
        data={lines}
        getRowId={(line) => String(line.id)}
        isPending={table.isPending}
        emptyState={
          <EmptyState
            title={level ? `No ${logLevelWords[level].plural.toLowerCase()} in this import's log` : 'The log is empty'}
            description={level ? undefined : 'Every row was read and applied without a remark.'}
          />
        }
      />
      <UrlDataTablePagination url={table} pageSizes={logPageSizes} total={total} noun="log lines" hideWhenEmpty />
    </div>
  );
}
