import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import Link from 'next/link';
import { DataTableSkeleton } from '@/components/data-table/data-table-skeleton';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { formatCount } from '@/components/ui/class-names';
import { ProgressBar } from '@/components/ui/progress-bar';
import { requireActor } from '@/lib/auth/session';
import { dataContext } from '@/lib/data/context';
import { getImport, listImportChanges, listImportLogs, type ImportListItem } from '@/lib/data/imports';
import { ImportStatusBadge } from '@/app/(console)/imports/_components/import-status-badge';
import { formatDateTime } from '@/app/(console)/imports/_components/import-words';
import { loadApplication } from '../../_components/load-application';
import { parseImportDetail } from '../search-params';
import { ImportChangesTable } from './_components/import-changes-table';
import { ImportCountTiles } from './_components/import-counts';
import { ImportFacts } from './_components/import-facts';
import { ImportLogTable } from './_components/import-log-table';

type Params = Promise<{ slug: string; importId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const app = await loadApplication((await params).slug);
  return { title: app ? `Import · ${app.name} · Concord` : 'Application not found · Concord' };
}

/** One import: when and how it ran, what it counted, its log and what it did to each account. */
export default async function ImportPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const [{ slug, importId }, query, actor] = await Promise.all([params, searchParams, requireActor()]);
  const state = parseImportDetail(query);
  const ctx = await dataContext(actor);
  const item = await getImport(ctx, importId);
  if (!item || item.applicationSlug !== slug) notFound();
  const log = listImportLogs(ctx, item.id, { level: state.log.filter ?? undefined, page: state.log.page, pageSize: state.log.pageSize });
  const changes = listImportChanges(ctx, item.id, { kind: state.changes.filter ?? undefined, page: state.changes.page, pageSize: state.changes.pageSize });
  const startedAt = item.startedAt ?? item.createdAt;

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
      <Card title="Details">
        <ImportFacts item={item} />
      </Card>
      {item.counts && (
        <Card title="Counts">
          <ImportCountTiles counts={item.counts} />
        </Card>
      )}
      <Card title="Log" description="Row-level errors and warnings, and notes about the whole feed. Rows are numbered from 1, after the header.">
        <Suspense fallback={<DataTableSkeleton columns={['Row', 'Field', 'Level', 'Message']} filters={1} rows={5} label="Loading the log…" />}>
          <LogSection log={log} />
        </Suspense>
      </Card>
      <Card title="What happened to each account" description="Accounts this import added, updated, removed or restored; for an update, only the fields that changed.">
        <Suspense fallback={<DataTableSkeleton columns={['Account key', 'Change', 'Fields changed']} filters={1} rows={5} label="Loading the changes…" />}>
          <ChangesSection changes={changes} item={item} />
        </Suspense>
      </Card>
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
    const known = item.rowsTotal !== null && item.rowsTotal > 0;
    return (
      <Alert tone="info" title={item.status === 'queued' ? 'Waiting to start' : 'Running'}>
        <div className="stack stack-sm">
          <ProgressBar
            label="Import progress"
            value={known ? item.rowsDone : null}
            max={known ? item.rowsTotal! : 100}
            valueText={known ? `${formatCount(item.rowsDone)} of ${formatCount(item.rowsTotal!)} rows` : `${formatCount(item.rowsDone)} rows read`}
          />
          <p className="text-sm">Nothing is applied until the whole feed has been read. Reload the page to see how far it got.</p>
        </div>
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
  return <ImportChangesTable changes={rows} total={total} byKind={byKind} failed={item.status === 'failed'} />;
}
