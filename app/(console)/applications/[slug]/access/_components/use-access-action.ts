'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useToast } from '@/components/ui/toast-provider';
import type { AppError, Result } from '@/lib/errors';

/**
 * Runs an access server action: pending state, the error in words (shown by the caller), a toast
 * and a refresh on success. One hook for every control of the Access tab and the identity page.
 */
export function useAccessAction() {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<AppError | null>(null);

  const perform = <T,>(action: () => Promise<Result<T>>, success: (value: T) => string, after?: (value: T) => void) =>
    startTransition(async () => {
      const result = await action();
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      toast({ tone: 'success', message: success(result.value) });
      after?.(result.value);
      router.refresh();
    });

  return { pending, error, setError, perform };
}

export const countOf = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
