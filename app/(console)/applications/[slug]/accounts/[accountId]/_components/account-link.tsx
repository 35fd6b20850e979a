import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { AccountDetail } from '@/lib/data/accounts';
import { formatDateTime } from '@/app/(console)/imports/_components/import-words';
import { SituationBadge, StatusBadge } from '../../../reconcile/_components/badges';

/** Where the account stands: active or removed, its situation, its link and the identity it is linked to. */
export function AccountLink({ account }: { account: AccountDetail }) {
  const identity = account.linkedIdentity;
  return (
    <dl className="kv">
      <dt>Account status</dt>
      <dd>
        <Badge tone={account.status === 'active' ? 'success' : 'neutral'}>{account.status === 'active' ? 'Active' : 'Removed'}</Badge>
      </dd>
      <dt>Situation</dt>
      <dd>
        <SituationBadge situation={account.situation} />
      </dd>
      <dt>Link status</dt>
      <dd>
        <StatusBadge status={account.linkStatus} />
      </dd>
      <dt>Linked user</dt>
      <dd>
        {identity ? (
          <span className="stack stack-sm">
            <span>
              <Link href={`/identities/${encodeURIComponent(identity.id)}`}>{identity.label}</Link>
              {identity.status === 'blocked' && (
                <>
                  {' '}
                  <Badge tone="danger">Blocked</Badge>
                </>
              )}
            </span>
            {identity.email && identity.email !== identity.label && <span className="muted text-sm">{identity.email}</span>}
            {account.linkStatus === 'needs_confirmation' && <span className="muted text-sm">Proposed by matching; not confirmed yet.</span>}
          </span>
        ) : (
          <span className="muted">None</span>
        )}
      </dd>
      <dt>First received</dt>
      <dd>
        <time dateTime={account.createdAt.toISOString()}>{formatDateTime(account.createdAt)}</time>
      </dd>
      <dt>Last changed</dt>
      <dd>
        <time dateTime={account.updatedAt.toISOString()}>{formatDateTime(account.updatedAt)}</time>
      </dd>
    </dl>
  );
}
