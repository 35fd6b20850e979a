import type { DeliveryStatus } from '@/lib/enums';

/** One event of the delivery log as the browser gets it: dates already in words (no clock skew between server and browser). */
export type DeliveryRow = {
  id: string;
  type: string;
  identityId: string | null;
  identityName: string | null;
  status: DeliveryStatus;
  attempts: number;
  createdAtIso: string;
  createdAtText: string;
  lastAttemptText: string | null;
  /** pending: when the next try is due, in words */
  nextAttemptText: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
};

export const deliveryStatusLabels: Record<DeliveryStatus, string> = { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' };
export const deliveryStatusTones = { pending: 'info', delivered: 'success', failed: 'danger' } as const;
