import { Badge } from '@/components/ui/badge';
import type { Tone } from '@/components/ui/class-names';
import type { ImportStatus } from '@/lib/enums';

const labels: Record<ImportStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  partial: 'Partial',
  failed: 'Failed',
};

const tones: Record<ImportStatus, Tone> = {
  queued: 'neutral',
  running: 'info',
  succeeded: 'success',
  partial: 'warning',
  failed: 'danger',
};

export function ImportStatusBadge({ status }: { status: string }) {
  const known = status in labels ? (status as ImportStatus) : null;
  return (
    <Badge tone={known ? tones[known] : 'neutral'} dot>
      {known ? labels[known] : status}
    </Badge>
  );
}
