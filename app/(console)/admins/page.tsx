import type { Metadata } from 'next';
import { PageHeader } from '@/components/app-shell/page-header';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { ssoProvider } from '@/lib/auth/options';
import { getViewer, requireActor } from '@/lib/auth/session';
import { listAdmins } from '@/lib/data/admin-management';
import { dataContext } from '@/lib/data/context';
import { AddAdminForm } from './_components/add-admin-form';
import { AdminsTable } from './_components/admins-table';

export const metadata: Metadata = { title: 'Admins' };

export default async function AdminsPage() {
  const [viewer, actor] = await Promise.all([getViewer(), requireActor()]);
  const admins = await listAdmins(await dataContext(actor));
  const canEdit = viewer.role === 'admin';
  const sso = ssoProvider();

  return (
    <div className="stack stack-lg">
      <PageHeader
        title="Admins"
        description="Who may sign in to Concord. Admins change anything; viewers look at everything and change nothing."
      />
      {!canEdit && <Alert tone="info">You can see who signs in; only an admin can add, change or remove someone.</Alert>}
      {canEdit && (
        <Card
          title="Add someone"
          description={
            sso
              ? `They sign in with the password you give them, or, with no password, through ${sso.name} only.`
              : 'They sign in with their e-mail and the password you give them; tell it to them yourself.'
          }
        >
          <AddAdminForm ssoName={sso?.name ?? null} />
        </Card>
      )}
      <Card title={`People who sign in (${admins.length})`} flush>
        <AdminsTable admins={admins.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() }))} canEdit={canEdit} />
      </Card>
    </div>
  );
}
