'use client';

import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { formatCount } from '@/components/ui/class-names';
import { Dialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast-provider';
import type { LinkStatus, Situation } from '@/lib/enums';
import { confirmAllExactMatchesAction } from '../actions';

export interface ConfirmAllFilter {
  q: string;
  situation: Situation[];
  status: LinkStatus[];
}

const exactMatches = (n: number) => `${formatCount(n)} exact match${n === 1 ? '' : 'es'}`;

/**
 * "Confirm all exact matches" within the table's current search and filters. `count` is how many
 * the server found for exactly that filter when it rendered the page; the dialog asks first, and
 * the result says how many were really confirmed (others may have acted in between).
 */
export interface ConfirmAllButtonProps {
  slug: string;
  filter: ConfirmAllFilter;
  count: number;
  isFiltered: boolean;
  /** The table is loading another search or filter: `count` and `filter` are about to change. */
  isStale?: boolean;
}

export function ConfirmAllButton({ slug, filter, count, isFiltered, isStale = false }: ConfirmAllButtonProps) {
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  const confirmAll = () =>
    startTransition(async () => {
      const result = await confirmAllExactMatchesAction({ slug, ...filter });
      if (result.ok) {
        toast({ tone: 'success', message: `Confirmed ${exactMatches(result.value.confirmed)}.` });
        setOpen(false);
      } else {
        setError(result.error.message);
      }
    });

  return (
    <>
      <Button
        variant="primary"
        disabled={count === 0 || isStale}
        title={count === 0 ? 'No exact match needs confirmation here' : undefined}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        Confirm all exact matches ({formatCount(count)})
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Confirm all exact matches?"
        description={`${exactMatches(count)} ${count === 1 ? 'needs' : 'need'} confirmation${isFiltered ? ' within the current search and filters' : ''}. Each account will be linked for good to the one user it matched exactly.`}
        footer={
          <>
            <Button onClick={() => setOpen(false)} disabled={isPending}>
              Cancel
            </Button>
            <Button variant="primary" onClick={confirmAll} disabled={isPending} aria-busy={isPending || undefined}>
              {isPending && <span className="spinner" aria-hidden="true" />}
              Confirm {exactMatches(count)}
            </Button>
          </>
        }
      >
        {error ? (
          <Alert tone="error">{error}</Alert>
        ) : (
          <p className="muted text-sm">Later imports never change a confirmed link. You can still unlink an account one by one.</p>
        )}
      </Dialog>
    </>
  );
}
