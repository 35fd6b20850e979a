import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageHeader } from '@/components/app-shell/page-header';
import { DataTableSkeleton } from '@/components/data-table/data-table-skeleton';
import { EmptyState } from '@/components/ui/empty-state';
import { LinkButton } from '@/components/ui/link-button';
import { requireActor } from '@/lib/auth/session';
import { dataContext } from '@/lib/data/context';
import { listImports } from '@/lib/data/imports';
import { ImportHistoryTable } from './_components/import-history-table';
import { importsTableState } from './search-params';

export const metadata: Metadata = { title: 'Imports' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Every import of every application, newest first. */
export default async function ImportsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  const state = importsTableState.parse(await searchParams);
  const imports = dataContext(actor).then((ctx) =>
    listImports(ctx, { status: state.filters.status, trigger: state.filters.trigger, page: state.page, pageSize: state.pageSize }),
  );

  return (
    <div className="stack stack-lg">
      <PageHeader
        title="Imports"
        description="Every feed processed, for every application: who started it, what it changed and what it refused."
      />
      <Suspense
        fallback={<DataTableSkeleton columns={['Started (UTC), took', 'Application', 'Started by', 'Status', 'Added', 'Updated', 'Removed']} filters={1} label="Loading imports…" />}
      >
        <AllImports imports={imports} />
      </Suspense>
    </div>
  );
}

async function AllImports({ imports }: { imports: ReturnType<typeof listImports> }) {
  const { imports: rows, total } = await imports;
  return (
    <ImportHistoryTable
      caption="Imports"
      imports={rows}
      total={total}
      withApplication
      statusFilter
      emptyState={
        <EmptyState
          title="No imports yet"
          description="An import runs each time an application's feed arrives: uploaded in the browser, sent through the upload API, or pulled on a schedule."
          actions={<LinkButton href="/applications">Go to applications</LinkButton>}
        />
      }
    />
  );
}
