import { Badge } from '@/components/ui/badge';
import type { IdentitySummary } from '@/lib/data/identities';

/** The name an identity goes by: its display name, else its username or e-mail. */
export function identityName(identity: Pick<IdentitySummary, 'displayName' | 'username' | 'email'>): string {
  return identity.displayName ?? identity.username ?? identity.email ?? 'Unnamed user';
}

export const identityStatusLabels = { active: 'Active', blocked: 'Blocked' } as const;

/** "Active", "Blocked", or "Blocked · past" for someone a source feed no longer lists. */
export function IdentityStatusBadge({ status, lifecycle }: Pick<IdentitySummary, 'status' | 'lifecycle'>) {
  const label = `${identityStatusLabels[status]}${lifecycle === 'past' ? ' · past' : ''}`;
  return (
    <Badge tone={status === 'active' ? 'success' : 'danger'} dot>
      {label}
    </Badge>
  );
}
