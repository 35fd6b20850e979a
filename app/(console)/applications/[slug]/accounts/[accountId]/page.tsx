import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card } from '@/components/ui/card';
import { getViewer } from '@/lib/auth/session';
import { AccountActionsPanel } from './_components/account-actions-panel';
import { AccountCandidates } from './_components/account-candidates';
import { AccountActions, AccountImportChanges } from './_components/account-history';
import { AccountLink } from './_components/account-link';
import { AccountReceived } from './_components/account-received';
import { accountAsRow } from './_components/account-row';
import { AccountValueList } from './_components/account-values';
import { SituationBadge, StatusBadge } from '../../reconcile/_components/badges';
import { loadAccount } from './_components/load-account';

type Params = Promise<{ slug: string; accountId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { slug, accountId } = await params;
  const account = await loadAccount(accountId);
  return { title: account && account.applicationSlug === slug ? `Account ${account.key}` : 'Account not found' };
}

/**
 * One account, everything that explains it (viewer-level): its values and link, the candidates
 * matching found with the rule behind each, the data received for it in every feed, and its history
 * of import changes and administrators' actions. Admins also act on it here: its table row's actions,
 * and an Assign beside each candidate. Under the application's layout: an <h2>.
 */
export default async function AccountPage({ params }: { params: Params }) {
  const { slug, accountId } = await params;
  const [account, viewer] = await Promise.all([loadAccount(accountId), getViewer()]);
  if (!account || account.applicationSlug !== slug) notFound();
  // Admins act on an active account here as in its table row; a removed one only has its history.
  const row = viewer.role === 'admin' && account.status === 'active' ? accountAsRow(account) : null;

  return (
    <div className="stack stack-lg">
      <header className="stack stack-sm">
        <Link href={`/applications/${encodeURIComponent(slug)}/reconcile?${new URLSearchParams({ q: account.key })}`} className="text-sm">
          ← Reconciliation of {account.applicationName}
        </Link>
        <div className="row row-wrap">
          <h2>
            Account <span className="mono">{account.key}</span>
          </h2>
          <SituationBadge situation={account.situation} />
          <StatusBadge status={account.linkStatus} />
        </div>
        {account.label !== account.key && <p className="muted">{account.label}</p>}
      </header>
      <div className="grid grid-2" style={{ alignItems: 'start' }}>
        <Card title="Attributes" description="As the last applied feed sent them.">
          <AccountValueList values={account} />
        </Card>
        <Card title="Link" actions={row && <AccountActionsPanel row={row} />}>
          <AccountLink account={account} />
        </Card>
      </div>
      <Card title="Candidates" description="The users the application's matching rules found for this account; the first rule that finds any decides." flush>
        <AccountCandidates account={account} row={row} />
      </Card>
      <Card title="Data received in every feed" description="The row each of this application's feeds had for this account, newest first." flush>
        <AccountReceived account={account} />
      </Card>
      <Card title="History" description="What imports changed on this account, and what administrators did to it, newest first.">
        <div className="stack">
          <h3>Changes by imports</h3>
          <AccountImportChanges account={account} />
          <h3>Actions</h3>
          <AccountActions account={account} />
        </div>
      </Card>
    </div>
  );
}
