import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageHeader } from '@/components/app-shell/page-header';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { getViewer, requireActor } from '@/lib/auth/session';
import { listApplications } from '@/lib/data/applications';
import { dataContext } from '@/lib/data/context';
import { ApplicationsEmpty } from './_components/applications-empty';
import { ApplicationsTable } from './_components/applications-table';
import { NewApplicationForm } from './_components/new-application-form';

export const metadata: Metadata = { title: 'Applications' };

export default async function ApplicationsPage() {
  const actor = await requireActor('/applications');
  const viewer = await getViewer();
  const canEdit = viewer.role === 'admin';
  const applications = dataContext(actor).then((ctx) => listApplications(ctx));

  return (
    <>
      <PageHeader
        title="Applications"
        description="Each application brings in a feed of accounts. Sources create identities; targets are reconciled against them."
      />
      <div className="stack stack-lg">
        <Suspense fallback={<ApplicationsSkeleton />}>
          <ApplicationsList applications={applications} canEdit={canEdit} />
        </Suspense>
        {canEdit && (
          <Card title="New application" description="Start with your HR system as a source, then add the applications to reconcile as targets.">
            <NewApplicationForm />
          </Card>
        )}
      </div>
    </>
  );
}

async function ApplicationsList({ applications, canEdit }: { applications: ReturnType<typeof listApplications>; canEdit: boolean }) {
  const list = await applications;
  if (list.length === 0) {
    return (
      <div className="card">
        <ApplicationsEmpty canEdit={canEdit} />
      </div>
    );
  }
  return <ApplicationsTable applications={list} />;
}

function ApplicationsSkeleton() {
  return (
    <div className="card stack stack-sm" aria-busy="true" aria-label="Loading applications">
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} height="1.25rem" />
      ))}
    </div>
  );
}
