import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageHeader } from '@/components/app-shell/page-header';
import { DataTableSkeleton } from '@/components/data-table/data-table-skeleton';
import { getViewer, requireActor } from '@/lib/auth/session';
import { listApplications } from '@/lib/data/applications';
import { dataContext } from '@/lib/data/context';
import { listIdentities } from '@/lib/data/identities';
import { IdentitiesTable } from './_components/identities-table';
import { NewUserDialog } from './_components/new-user-dialog';
import { identitiesTableState } from './search-params';

export const metadata: Metadata = { title: 'Identities' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function IdentitiesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  const state = identitiesTableState.parse(await searchParams);
  const ctx = await dataContext(actor);
  const page = listIdentities(ctx, { q: state.q, status: state.filters.status, page: state.page, pageSize: state.pageSize });
  const viewer = await getViewer();
  // Admins can sync a selection or everyone to the target applications.
  const syncTargets = viewer.role === 'admin' ? listApplications(ctx).then((apps) => apps.filter((a) => a.role === 'target').map(({ slug, name }) => ({ slug, name }))) : null;

  return (
    <>
      <PageHeader
        title="Identities"
        description="The people of your organisation: created by a source feed such as HR, or by hand. Each can hold accounts in every application."
        actions={viewer.role === 'admin' ? <NewUserDialog /> : undefined}
      />
      <Suspense fallback={<DataTableSkeleton columns={['Name', 'Username', 'E-mail', 'Employee ID', 'Status', 'Source', 'Accounts']} filters={1} label="Loading identities…" />}>
        <IdentitiesResults page={page} syncTargets={syncTargets} />
      </Suspense>
    </>
  );
}

async function IdentitiesResults({ page, syncTargets }: { page: ReturnType<typeof listIdentities>; syncTargets: Promise<{ slug: string; name: string }[]> | null }) {
  const [{ identities, total }, targets] = await Promise.all([page, syncTargets]);
  return <IdentitiesTable identities={identities} total={total} syncTargets={targets ?? undefined} />;
}
