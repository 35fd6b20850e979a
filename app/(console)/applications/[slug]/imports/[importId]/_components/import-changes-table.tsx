'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { UrlDataTablePagination } from '@/components/data-table/data-table-pagination';
import { dataTableColumns } from '@/components/data-table/features';
import { Badge } from '@/components/ui/badge';
import { formatCount } from '@/components/ui/class-names';
import { EmptyState } from '@/components/ui/empty-state';
import { changeKinds, type ChangeKind } from '@/lib/enums';
import type { ImportChange } from '@/lib/data/imports';
import { FilterSelect } from '@/app/(console)/imports/_components/filter-select';
import { changeKindWords } from '@/app/(console)/imports/_components/import-words';
import { accountHref } from '../../../accounts/[accountId]/_components/account-href';
import { changePageSizes } from '../../search-params';
import { FieldDiff } from './field-diff';
import { useDetailTable } from './use-detail-table';

const column = dataTableColumns<ImportChange>();

const columnsFor = (slug: string) => [
  column.display({
    id: 'key',
    header: 'Account key',
    meta: { rowHeader: true },
    cell: ({ row }) =>
      row.original.accountId ? (
        <Link href={accountHref(slug, row.original.accountId)} className="mono">
          {row.original.key}
        </Link>
      ) : (
        <span className="mono">{row.original.key}</span>
      ),
  }),
  column.display({
    id: 'change',
    header: 'Change',
    cell: ({ row }) => <Badge tone={changeKindWords[row.original.kind].tone}>{changeKindWords[row.original.kind].label}</Badge>,
  }),
  column.display({
    id: 'diff',
    header: 'Fields changed',
    cell: ({ row }) => <FieldDiff kind={row.original.kind} before={row.original.before} after={row.original.after} />,
  }),
];

export interface ImportChangesTableProps {
  /** The application's slug, for links to each account's page. */
  slug: string;
  changes: ImportChange[];
  /** Changes matching the filter. */
  total: number;
  /** Changes per kind, from the import's counts; absent for an import without counts. */
  byKind: Partial<Record<ChangeKind, number>>;
  /** The import failed: nothing was applied, so there are no changes to show. */
  failed: boolean;
}

/** What the import did to each account: added, updated, removed or restored, with the fields that changed. */
export function ImportChangesTable({ slug, changes, total, byKind, failed }: ImportChangesTableProps) {
  const table = useDetailTable('changes');
  const columns = useMemo(() => columnsFor(slug), [slug]);
  const count = (n: number | undefined) => (n === undefined ? '' : ` (${formatCount(n)})`);
  const all = changeKinds.every((kind) => byKind[kind] !== undefined) ? changeKinds.reduce((sum, kind) => sum + (byKind[kind] ?? 0), 0) : undefined;
  return (
    <div>
      <FilterSelect
        label="Change"
        value={table.state.filter}
        allLabel={`All changes${count(all)}`}
        options={changeKinds.map((kind) => ({ value: kind, label: `${changeKindWords[kind].label}${count(byKind[kind])}` }))}
        onChange={table.setFilter}
      />
      <DataTable
        caption="Accounts affected by this import"
        columns={columns}
        data={changes}
        getRowId={(change) => String(change.id)}
        isPending={table.isPending}
        emptyState={
          failed ? (
            <EmptyState title="No account changed" description="The import failed, so nothing was applied." />
          ) : (
            <EmptyState
              title={table.state.filter ? `No accounts ${changeKindWords[table.state.filter as ChangeKind].label.toLowerCase()} by this import` : 'No account changed'}
              description={table.state.filter ? undefined : 'Every account in the feed was already as Concord had it.'}
            />
          )
        }
      />
      <UrlDataTablePagination url={table} pageSizes={changePageSizes} total={total} noun="changes" hideWhenEmpty />
    </div>
  );
}
