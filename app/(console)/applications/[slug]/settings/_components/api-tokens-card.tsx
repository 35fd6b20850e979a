import { Suspense } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ScrollableTable } from '@/components/ui/scrollable-table';
import { Skeleton } from '@/components/ui/skeleton';
import { requireActor } from '@/lib/auth/session';
import { dataContext } from '@/lib/data/context';
import { listTokens, type TokenSummary } from '@/lib/data/tokens';
import { TimeAgo } from '../../../_components/time-ago';
import { CreateTokenForm } from './api-tokens-create';
import { RevokeTokenButton } from './api-tokens-revoke';

export interface ApiTokensCardProps {
  slug: string;
  canEdit: boolean;
}

/**
 * "Upload tokens": the per-application tokens of the upload API. Admins create and revoke them;
 * viewers see the list. A token's secret is shown once, by the create form; the list shows its prefix.
 */
export function ApiTokensCard({ slug, canEdit }: ApiTokensCardProps) {
  return (
    <Card
      title="Upload tokens"
      description={
        <>
          Scripts and cron jobs upload this application&apos;s feed with <span className="mono">POST /api/v1/applications/{slug}/feeds</span> and{' '}
          <span className="mono">Authorization: Bearer &lt;token&gt;</span>. A token works for this application only. See the README, section
          &quot;Upload API&quot;.
        </>
      }
    >
      <div className="stack">
        {canEdit && <CreateTokenForm slug={slug} />}
        <Suspense fallback={<Skeleton height="6rem" />}>
          <TokenTable slug={slug} canEdit={canEdit} />
        </Suspense>
      </div>
    </Card>
  );
}

async function TokenTable({ slug, canEdit }: ApiTokensCardProps) {
  const tokens = await listTokens(await dataContext(await requireActor()), slug);
  if (tokens.length === 0) {
    return <EmptyState title="No upload tokens yet" description={canEdit ? 'Create one for each script that uploads feeds.' : 'An admin can create one.'} />;
  }
  return (
    <ScrollableTable label="Upload tokens">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Token</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Status</th>
          {canEdit && (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <TokenRow key={token.id} slug={slug} token={token} canEdit={canEdit} />
        ))}
      </tbody>
    </ScrollableTable>
  );
}

function TokenRow({ slug, token, canEdit }: { slug: string; token: TokenSummary; canEdit: boolean }) {
  const revoked = token.revokedAt !== null;
  return (
    <tr>
      <th scope="row">{token.name}</th>
      <td className="mono nowrap">{token.prefix}…</td>
      <td>
        <div className="stack" style={{ gap: 0 }}>
          <TimeAgo date={token.createdAt} />
          <span className="muted text-xs">by {token.createdBy}</span>
        </div>
      </td>
      <td>{token.lastUsedAt ? <TimeAgo date={token.lastUsedAt} /> : <span className="muted">never</span>}</td>
      <td>
        {revoked ? (
          <Badge tone="neutral" dot title={`Revoked ${token.revokedAt!.toISOString()}`}>
            Revoked
          </Badge>
        ) : (
          <Badge tone="success" dot>
            Active
          </Badge>
        )}
      </td>
      {canEdit && <td className="num">{!revoked && <RevokeTokenButton slug={slug} tokenId={token.id} name={token.name} prefix={token.prefix} />}</td>}
    </tr>
  );
}
