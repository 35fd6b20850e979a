import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { PageHeader } from '@/components/app-shell/page-header';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { getViewer, requireActor } from '@/lib/auth/session';
import { listApplications } from '@/lib/data/applications';
import { listIdentityAssignments } from '@/lib/data/assignments';
import { dataContext } from '@/lib/data/context';
import { getIdentity } from '@/lib/data/identities';
import { AssignToApplicationDialog } from '../_components/assign-to-application-dialog';
import { identityName } from '../_components/identity-labels';
import { GroupsEditor } from './_components/groups-editor';
import { IdentityAccounts } from './_components/identity-accounts';
import { IdentityAssignments } from './_components/identity-assignments';
import { IdentityAttributes } from './_components/identity-attributes';
import { IdentityEvents } from './_components/identity-events';

type Params = Promise<{ id: string }>;

const loadIdentity = cache(async (id: string) => getIdentity(await dataContext(await requireActor()), id));

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const identity = await loadIdentity((await params).id);
  return { title: identity ? `${identityName(identity)} · Identities` : 'Identity not found' };
}

export default async function IdentityPage({ params }: { params: Params }) {
  const identity = await loadIdentity((await params).id);
  if (!identity) notFound();
  const name = identityName(identity);
  const ctx = await dataContext(await requireActor());
  const [viewer, assignments, applications] = await Promise.all([getViewer(), listIdentityAssignments(ctx, identity.id), listApplications(ctx)]);
  const canAct = viewer.role === 'admin';
  const targets = applications.filter((a) => a.role === 'target').map((a) => ({ slug: a.slug, name: a.name }));

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: 'Identities', href: '/identities' }, { label: name }]}
        title={name}
        description={identity.email ?? identity.username ?? undefined}
      />
      <div className="stack stack-lg">
        <div className="grid grid-2" style={{ alignItems: 'start' }}>
          <Card title="Attributes">
            <IdentityAttributes identity={identity} />
          </Card>
          <Card
            title="Groups"
            description="Group memberships, as the source feed that manages them last sent them. Entitlement rules grant roles by group."
            actions={
              canAct ? (
                <GroupsEditor
                  identityId={identity.id}
                  version={identity.version}
                  groups={identity.groups}
                  managed={identity.sourceApplicationName ? { groups: identity.managedGroups, source: identity.sourceApplicationName } : null}
                />
              ) : undefined
            }
          >
            {identity.groups.length === 0 ? (
              <p className="muted">No groups.</p>
            ) : (
              <ul className="row row-wrap" style={{ margin: 0, padding: 0, listStyle: 'none' }} aria-label="Groups">
                {identity.groups.map((group) => (
                  <li key={group}>
                    <Badge>{group}</Badge>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <Card
          title="Applications and licences"
          description="Where this identity is assigned: by hand or by an entitlement rule, with the role granted and its licence. Only assigned applications receive its changes."
          actions={canAct ? <AssignToApplicationDialog applications={targets} selection={{ kind: 'ids', ids: [identity.id] }} what={name} /> : undefined}
          flush
        >
          <IdentityAssignments identityId={identity.id} assignments={assignments} canAct={canAct} />
        </Card>
        <Card title="Accounts" description="This identity's accounts in every application. Open one to see why it is linked, and to settle it." flush>
          <IdentityAccounts accounts={identity.accounts} />
        </Card>
        <IdentityEvents identityId={identity.id} />
      </div>
    </>
  );
}
