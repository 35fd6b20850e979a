import { Badge } from '@/components/ui/badge';
import type { ApplicationRole } from '@/lib/enums';

export const roleLabels: Record<ApplicationRole, string> = { source: 'Source', target: 'Target' };

export const roleDescriptions: Record<ApplicationRole, string> = {
  source: 'Authoritative feed such as HR: creates, updates and blocks identities.',
  target: 'Its accounts are reconciled against identities.',
};

export function RoleBadge({ role }: { role: ApplicationRole }) {
  return <Badge tone={role === 'source' ? 'info' : 'neutral'}>{roleLabels[role]}</Badge>;
}
