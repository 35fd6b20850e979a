import type { IdentityDetail } from '@/lib/data/identities';
import { formatAbsolute } from '../../../applications/_components/time-ago';
import { IdentityStatusBadge } from '../../_components/identity-labels';

/** Everything known about the identity, as a list of terms and values. */
export function IdentityAttributes({ identity }: { identity: IdentityDetail }) {
  const dash = <span className="muted">—</span>;
  const custom = Object.entries(identity.attributes ?? {});
  return (
    <dl className="kv">
      <dt>Username</dt>
      <dd className="mono">{identity.username ?? dash}</dd>
      <dt>E-mail</dt>
      <dd>{identity.email ?? dash}</dd>
      <dt>Display name</dt>
      <dd>{identity.displayName ?? dash}</dd>
      <dt>Given name</dt>
      <dd>{identity.givenName ?? dash}</dd>
      <dt>Family name</dt>
      <dd>{identity.familyName ?? dash}</dd>
      <dt>Employee ID</dt>
      <dd className="mono">{identity.employeeId ?? dash}</dd>
      <dt>Status</dt>
      <dd>
        <IdentityStatusBadge status={identity.status} lifecycle={identity.lifecycle} />
      </dd>
      <dt>Source</dt>
      <dd>{identity.sourceApplicationName ?? 'Manual (created by hand)'}</dd>
      {custom.map(([name, value]) => (
        <div key={name} style={{ display: 'contents' }}>
          <dt className="mono">{name}</dt>
          <dd>{String(value)}</dd>
        </div>
      ))}
      <dt>Created</dt>
      <dd>{formatAbsolute(new Date(identity.createdAt))}</dd>
      <dt>Updated</dt>
      <dd>{formatAbsolute(new Date(identity.updatedAt))}</dd>
    </dl>
  );
}
