import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ScrollableTable } from '@/components/ui/scrollable-table';
import { linkStatuses, situations, type LinkStatus, type Situation } from '@/lib/enums';
import type { IdentityDetail } from '@/lib/data/identities';
import { accountHref } from '../../../applications/[slug]/accounts/[accountId]/_components/account-href';
import { SituationBadge, StatusBadge } from '../../../applications/[slug]/reconcile/_components/badges';

const isSituation = (value: string): value is Situation => (situations as readonly string[]).includes(value);
const isLinkStatus = (value: string): value is LinkStatus => (linkStatuses as readonly string[]).includes(value);

/** The identity's accounts in every application, each leading to that application's reconciliation table. */
export function IdentityAccounts({ accounts }: { accounts: IdentityDetail['accounts'] }) {
  if (accounts.length === 0) {
    return <EmptyState title="No accounts" description="No application has an account linked to this identity yet." />;
  }
  return (
    <ScrollableTable label="Accounts">
      <thead>
        <tr>
          <th scope="col">Application</th>
          <th scope="col">Account key</th>
          <th scope="col">Situation</th>
          <th scope="col">Link</th>
          <th scope="col">Account status</th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((account) => (
          <tr key={account.id}>
            <td>{account.applicationName}</td>
            <th scope="row">
              <Link
                href={accountHref(account.applicationSlug, account.id)}
                aria-label={`${account.key} in ${account.applicationName}`}
              >
                <span className="mono">{account.key}</span>
              </Link>
            </th>
            <td>{isSituation(account.situation) ? <SituationBadge situation={account.situation} /> : account.situation}</td>
            <td>{isLinkStatus(account.linkStatus) ? <StatusBadge status={account.linkStatus} /> : account.linkStatus}</td>
            <td>
              <Badge tone={account.status === 'active' ? 'success' : 'neutral'}>{account.status === 'active' ? 'Active' : 'Removed'}</Badge>
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollableTable>
  );
}
