'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { AppError } from '@/lib/errors';

export type SyncMessage = { tone: 'success'; message: string } | { tone: 'error'; error: AppError } | null;

/**
 * The outcome of the last change, in words. A conflict (someone else changed the configuration
 * first) is said plainly, with a way to load their version; nothing was changed.
 */
export function SyncMessageAlert({ message }: { message: SyncMessage }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  if (!message) return null;
  if (message.tone === 'success') return <Alert tone="success">{message.message}</Alert>;
  const conflict = message.error.code === 'conflict';
  return (
    <Alert
      tone="error"
      title={conflict ? 'Not changed: the sync configuration changed meanwhile.' : undefined}
      actions={
        conflict ? (
          <Button size="sm" disabled={pending} onClick={() => startTransition(() => router.refresh())}>
            Reload configuration
          </Button>
        ) : undefined
      }
    >
      {message.error.message}
    </Alert>
  );
}
