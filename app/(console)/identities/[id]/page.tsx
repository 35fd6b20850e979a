import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { PageHeader } from '@/components/app-shell/page-header';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { requireActor } from '@/lib/auth/session';
import { dataContext } from '@/lib/data/context';
import { getIdentity } from '@/lib/data/identities';
import { identityName } from '../_components/identity-labels';
import { IdentityAccounts } from './_components/identity-accounts';
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
          <Card title="Groups" description="Group memberships, as the source feed that manages them last sent them.">
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
        <Card title="Accounts" description="This identity's accounts in every application. Open one to settle it in its application's reconciliation table." flush>
          <IdentityAccounts accounts={identity.accounts} />
        </Card>
        <IdentityEvents identityId={identity.id} />
      </div>
    </>
  );
}
