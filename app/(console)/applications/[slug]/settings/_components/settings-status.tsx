'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { AppError } from '@/lib/errors';

export type SettingsStatus = { tone: 'success'; message: string } | { tone: 'error'; error: AppError } | null;

/**
 * The outcome of the last save of one section, in words. A conflict (someone else saved first) is
 * said plainly, with a way to load their version; nothing was changed.
 */
export function SettingsStatusMessage({ status }: { status: SettingsStatus }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  if (!status) return null;
  if (status.tone === 'success') return <Alert tone="success">{status.message}</Alert>;
  const conflict = status.error.code === 'conflict';
  return (
    <Alert
      tone="error"
      title={conflict ? 'Not saved: this application changed meanwhile.' : undefined}
      actions={
        conflict ? (
          <Button size="sm" disabled={pending} onClick={() => startTransition(() => router.refresh())}>
            Reload settings
          </Button>
        ) : undefined
      }
    >
      {status.error.message}
    </Alert>
  );
}
