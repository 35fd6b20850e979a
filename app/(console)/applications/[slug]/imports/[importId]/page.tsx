import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import Link from 'next/link';
import { DataTableSkeleton } from '@/components/data-table/data-table-skeleton';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { getViewer, requireActor } from '@/lib/auth/session';
import { dataContext } from '@/lib/data/context';
import { getImport, listImportChanges, listImportLogs, type ImportListItem } from '@/lib/data/imports';
import { ImportStatusBadge } from '@/app/(console)/imports/_components/import-status-badge';
import { formatDateTime } from '@/app/(console)/imports/_components/import-words';
import { parseImportDetail } from '../search-params';
import { ImportChangesTable } from './_components/import-changes-table';
import { ImportCountTiles } from './_components/import-counts';
import { ImportFacts } from './_components/import-facts';
import { ImportLogTable } from './_components/import-log-table';
import { ImportProgress } from './_components/import-progress';
import { ImportReview } from './_components/import-review';

type Params = Promise<{ slug: string; importId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export const metadata: Metadata = { title: 'Import' };

/**
 * One import: when and how it ran, what it counted, its log and what it did to each account. While
 * it runs, a live progress bar; while it awaits review (staged, or held by the safeguard), the
 * preview with Apply and Discard.
 */
export default async function ImportPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const [{ slug, importId }, query, actor] = await Promise.all([params, searchParams, requireActor()]);
  const state = parseImportDetail(query);
  const ctx = await dataContext(actor);
  const [item, viewer] = await Promise.all([getImport(ctx, importId), getViewer()]);
  if (!item || item.applicationSlug !== slug) notFound();
  const log = listImportLogs(ctx, item.id, { level: state.log.filter ?? undefined, page: state.log.page, pageSize: state.log.pageSize });
  const startedAt = item.startedAt ?? item.createdAt;
  const inReview = item.status === 'staged' || item.status === 'held';
  // Only an applied import has changes; nothing of a running, reviewed, discarded or failed one was applied.
  const applied = item.status === 'succeeded' || item.status === 'partial';

  // Under the application's layout (its name is the page's <h1>, its tabs below): this import is an <h2>.
  return (
    <div className="stack stack-lg">
      <header className="stack stack-sm">
        <Link href={`/applications/${encodeURIComponent(slug)}/imports`} className="text-sm">
          ← All imports of {item.applicationName}
        </Link>
        <div className="row row-wrap">
          <h2>Import of {formatDateTime(startedAt)}</h2>
          <ImportStatusBadge status={item.status} />
        </div>
      </header>
      <Outcome item={item} />
      {inReview && <ImportReview ctx={ctx} item={{ ...item, status: item.status as 'staged' | 'held' }} table={state.planned} canReview={viewer.role === 'admin'} />}
      <Card title="Details">
        <ImportFacts item={item} />
      </Card>
      {item.counts && applied && (
        <Card title="Counts">
          <ImportCountTiles counts={item.counts} />
        </Card>
      )}
      <Card title="Log" description="Row-level errors and warnings, and notes about the whole feed. Rows are numbered from 1, after the header.">
        <Suspense fallback={<DataTableSkeleton columns={['Row', 'Field', 'Level', 'Message']} filters={1} rows={5} label="Loading the log…" />}>
          <LogSection log={log} />
        </Suspense>
      </Card>
      {(applied || item.status === 'failed') && (
        <Card title="What happened to each account" description="Accounts this import added, updated, removed or restored; for an update, only the fields that changed.">
          <Suspense fallback={<DataTableSkeleton columns={['Account key', 'Change', 'Fields changed']} filters={1} rows={5} label="Loading the changes…" />}>
            <ChangesSection
              changes={listImportChanges(ctx, item.id, { kind: state.changes.filter ?? undefined, page: state.changes.page, pageSize: state.changes.pageSize })}
              item={item}
            />
          </Suspense>
        </Card>
      )}
    </div>
  );
}

function Outcome({ item }: { item: ImportListItem }) {
  if (item.status === 'failed') {
    return (
      <Alert tone="error" title="The import failed; nothing was applied">
        {item.error ?? 'No reason was recorded.'}
      </Alert>
    );
  }
  if (item.status === 'running' || item.status === 'queued') {
    const initial = { status: item.status, rowsDone: item.rowsDone, rowsTotal: item.rowsTotal, startedAt: item.startedAt?.toISOString() ?? null };
    return <ImportProgress importId={item.id} initial={initial} />;
  }
  if (item.status === 'discarded') {
    return (
      <Alert tone="info" title="Discarded">
        This import was reviewed and discarded: nothing of it was applied.
      </Alert>
    );
  }
  if (item.status === 'partial') {
    return (
      <Alert tone="warning" title="Partial success">
        The feed was applied, but some rows were rejected or ignored, or the log has warnings. See the log below.
      </Alert>
    );
  }
  return null;
}

async function LogSection({ log }: { log: ReturnType<typeof listImportLogs> }) {
  const { lines, total, byLevel } = await log;
  return <ImportLogTable lines={lines} total={total} byLevel={byLevel} />;
}

async function ChangesSection({ changes, item }: { changes: ReturnType<typeof listImportChanges>; item: ImportListItem }) {
  const { changes: rows, total } = await changes;
  const c = item.counts;
  const byKind = c ? { add: c.accountsAdded, update: c.accountsUpdated, remove: c.accountsRemoved, restore: c.accountsRestored } : {};
  return <ImportChangesTable slug={item.applicationSlug} changes={rows} total={total} byKind={byKind} failed={item.status === 'failed'} />;
}
