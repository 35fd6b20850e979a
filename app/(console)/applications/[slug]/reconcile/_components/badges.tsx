import { Badge } from '@/components/ui/badge';
import type { Tone } from '@/components/ui/class-names';
import type { LinkStatus, Situation } from '@/lib/enums';

/** The product's words for each situation, and the tone that echoes it. */
export const situationLabels: Record<Situation, string> = {
  no_match: 'No match',
  exact_match: 'Exact match',
  multiple_matches: 'Multiple matches',
  manually_linked: 'Manually linked',
};

export const situationTones: Record<Situation, Tone> = {
  no_match: 'danger',
  exact_match: 'info',
  multiple_matches: 'warning',
  manually_linked: 'success',
};

export const statusLabels: Record<LinkStatus, string> = {
  unlinked: 'Unlinked',
  needs_confirmation: 'Needs confirmation',
  linked: 'Linked',
  ignored: 'Ignored',
};

export const statusTones: Record<LinkStatus, Tone> = {
  unlinked: 'neutral',
  needs_confirmation: 'warning',
  linked: 'success',
  ignored: 'neutral',
};

export function SituationBadge({ situation }: { situation: Situation }) {
  return <Badge tone={situationTones[situation]}>{situationLabels[situation]}</Badge>;
}

export function StatusBadge({ status }: { status: LinkStatus }) {
  return (
    <Badge tone={statusTones[status]} dot>
      {statusLabels[status]}
    </Badge>
  );
}
