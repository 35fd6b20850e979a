import type { Tone } from '@/components/ui/class-names';
import type { PlannedKind } from '../../search-params';

/** The planned change per account of an import awaiting review, in the words of the filter and the Change column. */
export const plannedKindWords: Record<PlannedKind, { label: string; tone: Tone }> = {
  add: { label: 'Add', tone: 'success' },
  update: { label: 'Update', tone: 'info' },
  remove: { label: 'Remove', tone: 'danger' },
  restore: { label: 'Restore', tone: 'warning' },
  reject: { label: 'Reject', tone: 'neutral' },
};
