import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { getViewer, requireActor } from '@/lib/auth/session';
import { situations, type Situation } from '@/lib/enums';
import { dataContext } from '@/lib/data/context';
import { situationCounts } from '@/lib/data/facet-counts';
import { listReconciliation, type ReconcileResult } from '@/lib/data/reconciliation';
import { loadApplication } from '../_components/load-application';
import { toReconcileQuery } from './_components/reconcile-data';
import { ReconcileTable } from './_components/reconcile-table';
import { ReconcileTableSkeleton } from './_components/reconcile-table-skeleton';
import { SituationSummary, SituationSummarySkeleton } from './_components/situation-summary';
import { reconcileTableState, type ReconcileTableState } from './search-params';

type Params = Promise<{ slug: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export const metadata: Metadata = { title: 'Reconcile' };

/**
 * The reconciliation table of one application. The URL is parsed (never trusted) into the data
 * layer's query; the reads start at once and stream in behind skeletons. Later changes of search,
 * filters, sort or page keep the table on screen, dimmed, until the new rows arrive.
 */
export default async function ReconcilePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const actor = await requireActor();
  const [{ slug }, rawSearchParams] = await Promise.all([params, searchParams]);
  const state = reconcileTableState.parse(rawSearchParams);
  const [application, viewer, ctx] = await Promise.all([loadApplication(slug), getViewer(), dataContext(actor)]);
  if (!application) notFound();
  const canAct = viewer.role === 'admin';

  const result = listReconciliation(ctx, application.id, toReconcileQuery(state));
  const overview = situationCounts(ctx, application.id);
  const path = `/applications/${encodeURIComponent(application.slug)}/reconcile`;

  return (
    <section className="stack" aria-labelledby="reconcile-title">
      <div className="stack stack-sm" style={{ gap: 'var(--space-1)' }}>
        <h2 id="reconcile-title">Reconcile</h2>
        <p className="muted text-sm">
          Settle which user each account of {application.name} belongs to: confirm exact matches, assign a user where matching found
          several or none, or create one.
        </p>
      </div>
      <Suspense fallback={<SituationSummarySkeleton />}>
        <Overview counts={overview} path={path} />
      </Suspense>
      <Suspense fallback={<ReconcileTableSkeleton canAct={canAct} />}>
        <Accounts
          result={result}
          slug={application.slug}
          applicationName={application.name}
          state={state}
          canAct={canAct}
        />
      </Suspense>
    </section>
  );
}

async function Overview({ counts, path }: { counts: Promise<Record<Situation, number>>; path: string }) {
  const hrefFor = Object.fromEntries(situations.map((s) => [s, reconcileTableState.href(path, { filters: { situation: [s] } })])) as Record<Situation, string>;
  return <SituationSummary counts={await counts} hrefFor={hrefFor} />;
}

interface AccountsProps {
  result: Promise<ReconcileResult>;
  slug: string;
  applicationName: string;
  state: ReconcileTableState;
  canAct: boolean;
}

async function Accounts({ result, state, ...rest }: AccountsProps) {
  const rows = await result;
  return <ReconcileTable {...rest} result={rows} rendered={state} />;
}
