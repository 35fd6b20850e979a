import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageHeader } from '@/components/app-shell/page-header';
import { DataTableSkeleton } from '@/components/data-table/data-table-skeleton';
import { requireActor } from '@/lib/auth/session';
import { listApplications } from '@/lib/data/applications';
import { listAuditEntries, type AuditEntry } from '@/lib/data/audit';
import { dataContext } from '@/lib/data/context';
import { formatAbsolute, formatRelative } from '../applications/_components/time-ago';
import { AuditLog } from './_components/audit-log';
import type { AuditRow } from './_components/audit-row';
import { auditTableState, parseAuditFilters } from './search-params';

export const metadata: Metadata = { title: 'Audit log' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  const params = await searchParams;
  const state = auditTableState.parse(params);
  const filters = parseAuditFilters(params);
  const ctx = await dataContext(actor);
  const data = Promise.all([
    listAuditEntries(ctx, {
      actor: filters.actor || undefined,
      action: filters.action || undefined,
      application: filters.application || undefined,
      page: state.page,
      pageSize: state.pageSize,
    }),
    listApplications(ctx),
  ]);

  return (
    <>
      <PageHeader title="Audit log" description="Every change, who made it and when, with what it was before and after." />
      <Suspense fallback={<DataTableSkeleton columns={['When', 'Who', 'Action', 'Application', 'Summary', 'Before and after']} filters={3} label="Loading the audit log…" />}>
        <AuditResults data={data} />
      </Suspense>
    </>
  );
}

async function AuditResults({ data }: { data: Promise<[Awaited<ReturnType<typeof listAuditEntries>>, Awaited<ReturnType<typeof listApplications>>]> }) {
  const [{ entries, total, actors, actions }, applications] = await data;
  const now = new Date();
  return (
    <AuditLog
      entries={entries.map((entry) => toRow(entry, now))}
      total={total}
      actors={actors}
      actions={actions}
      applications={applications.map((app) => ({ value: app.slug, label: app.name }))}
    />
  );
}

function toRow(entry: AuditEntry, now: Date): AuditRow {
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value, null, 2));
  return {
    id: entry.id,
    atIso: entry.at.toISOString(),
    atRelative: formatRelative(entry.at, now),
    atAbsolute: formatAbsolute(entry.at),
    actor: entry.actor,
    action: entry.action,
    applicationSlug: entry.applicationSlug,
    applicationName: entry.applicationName,
    summary: entry.summary,
    before: json(entry.before),
    after: json(entry.after),
  };
}
