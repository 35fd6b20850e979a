import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { DataTableSkeleton } from '@/components/data-table/data-table-skeleton';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { getViewer, requireActor } from '@/lib/auth/session';
import { dataContext } from '@/lib/data/context';
import { listImports } from '@/lib/data/imports';
import { env } from '@/lib/env';
import { ImportHistoryTable } from '@/app/(console)/imports/_components/import-history-table';
import { importsTableState } from '@/app/(console)/imports/search-params';
import { loadApplication } from '../_components/load-application';
import { ImportRunsChart } from './_components/import-runs-chart';
import { UploadCard } from './_components/upload-card';

type Params = Promise<{ slug: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export const metadata: Metadata = { title: 'Imports' };

/**
 * One application's imports, under the application's header and tabs (the layout's): the upload
 * card (admins only; the route checks again) and the history of every run, newest first.
 */
export default async function ApplicationImportsPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { slug } = await params;
  const actor = await requireActor();
  const state = importsTableState.parse(await searchParams);
  const ctx = await dataContext(actor);
  const history = listImports(ctx, { applicationSlug: slug, status: state.filters.status, trigger: state.filters.trigger, page: state.page, pageSize: state.pageSize });
  const lastRuns = listImports(ctx, { applicationSlug: slug, page: 1, pageSize: 20 });
  const [application, viewer] = await Promise.all([loadApplication(slug), getViewer()]);
  if (!application) notFound();
  const canImport = viewer.role === 'admin';

  return (
    <div className="stack stack-lg">
      {canImport && <UploadCard slug={slug} applicationName={application.name} maxBytes={env().UPLOAD_MAX_BYTES} />}
      <Card
        title="Import history"
        description={
          application.role === 'source'
            ? 'Every feed processed, newest first. As a source, each feed creates, updates and blocks the identities it brought in.'
            : 'Every feed processed, newest first. After each feed, the accounts are matched against identities.'
        }
      >
        <Suspense
          fallback={<DataTableSkeleton columns={['Started (UTC), took', 'Started by', 'Status', 'Added', 'Updated', 'Removed']} filters={false} label="Loading the import history…" />}
        >
          <History history={history} lastRuns={lastRuns} canImport={canImport} />
        </Suspense>
      </Card>
    </div>
  );
}

async function History({
  history,
  lastRuns,
  canImport,
}: {
  history: ReturnType<typeof listImports>;
  lastRuns: ReturnType<typeof listImports>;
  canImport: boolean;
}) {
  const [{ imports, total }, recent] = await Promise.all([history, lastRuns]);
  return (
    <div className="stack">
      {recent.imports.length > 0 && <ImportRunsChart imports={recent.imports} />}
      <ImportHistoryTable
        caption="Import history"
        imports={imports}
        total={total}
        statusFilter={recent.total > 0}
        emptyState={
          <EmptyState
            title="No imports yet: upload this application's full list of accounts to bring them into Concord."
            description={
              canImport
                ? 'Use “Upload a feed” above, or send feeds from a script with the upload API. Each import is all or nothing, and the original file is kept.'
                : 'An administrator uploads feeds here, or a script sends them through the upload API.'
            }
          />
        }
      />
    </div>
  );
}
