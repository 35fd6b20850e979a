'use client';

import { useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast-provider';
import { redeliverAction } from '../actions';

/** "Redeliver": the event becomes pending with a fresh count of attempts and goes out at once. */
export function RedeliverButton({ slug, eventId, label }: { slug: string; eventId: string; label: string }) {
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      size="sm"
      disabled={pending}
      aria-busy={pending || undefined}
      aria-label={`Redeliver ${label}`}
      onClick={() =>
        startTransition(async () => {
          const result = await redeliverAction({ slug, eventIds: [eventId] });
          toast(result.ok ? { tone: 'success', message: 'Event queued for redelivery.' } : { tone: 'error', message: result.error.message });
        })
      }
    >
      Redeliver
    </Button>
  );
}
