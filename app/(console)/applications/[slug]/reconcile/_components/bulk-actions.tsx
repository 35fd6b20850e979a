'use client';

import { useState, useTransition, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { formatCount } from '@/components/ui/class-names';
import { Dialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast-provider';
import type { AccountSelection, CreateUsersOutcome } from '@/lib/data/bulk-account-actions';
import type { Result } from '@/lib/errors';
import { confirmExactMatchesAction, createUsersForUnmatchedAction } from '../actions';

const exactMatches = (n: number) => `${formatCount(n)} exact match${n === 1 ? '' : 'es'}`;
const users = (n: number) => `${formatCount(n)} user${n === 1 ? '' : 's'}`;
const accounts = (n: number) => `${formatCount(n)} account${n === 1 ? '' : 's'}`;

interface BulkActionProps<T> {
  /** The button's text; its count follows in brackets. */
  label: string;
  /** The main action is primary; a second one beside it is not. */
  variant?: 'primary' | 'secondary';
  count: number;
  /** Why the button is disabled when `count` is 0. */
  noneTitle: string;
  /** The table is loading another view: the count and the selection are about to change. */
  isStale: boolean;
  title: string;
  description: string;
  note: ReactNode;
  confirmLabel: string;
  run: () => Promise<Result<T>>;
  /** The toast once done; `tone` info when something was left out. */
  done: (value: T) => { tone: 'success' | 'info'; message: string };
  onDone?: () => void;
}

/**
 * A bulk action behind a dialog that asks first: the count is what the server found when it rendered
 * the page, and the result says what was really done (others may have acted in between).
 */
function BulkAction<T>({ label, variant = 'primary', count, noneTitle, isStale, title, description, note, confirmLabel, run, done, onDone }: BulkActionProps<T>) {
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  const act = () =>
    startTransition(async () => {
      const result = await run();
      if (result.ok) {
        toast(done(result.value));
        setOpen(false);
        onDone?.();
      } else {
        setError(result.error.message);
      }
    });

  return (
    <>
      <Button
        variant={variant === 'primary' ? 'primary' : undefined}
        disabled={count === 0 || isStale}
        title={count === 0 ? noneTitle : undefined}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        {label} ({formatCount(count)})
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={title}
        description={description}
        footer={
          <>
            <Button onClick={() => setOpen(false)} disabled={isPending}>
              Cancel
            </Button>
            <Button variant="primary" onClick={act} disabled={isPending} aria-busy={isPending || undefined}>
              {isPending && <span className="spinner" aria-hidden="true" />}
              {confirmLabel}
            </Button>
          </>
        }
      >
        {error ? <Alert tone="error">{error}</Alert> : <p className="muted text-sm">{note}</p>}
      </Dialog>
    </>
  );
}

/** What "Create users" says it did, and why any account was left out. */
export function createdMessage(outcome: CreateUsersOutcome): { tone: 'success' | 'info'; message: string } {
  const left: string[] = [];
  if (outcome.usernameTaken > 0) {
    const examples = outcome.takenExamples.length > 0 ? ` (${outcome.takenExamples.join(', ')}${outcome.usernameTaken > outcome.takenExamples.length ? ', …' : ''})` : '';
    left.push(`${accounts(outcome.usernameTaken)} whose username a user already has${examples}: assign that user instead`);
  }
  if (outcome.invalid > 0) left.push(`${accounts(outcome.invalid)} with a value too long for a user: create those one by one`);
  const message = `Created ${users(outcome.created)} and linked ${outcome.created === 1 ? 'its account' : 'their accounts'}.`;
  return left.length === 0 ? { tone: 'success', message } : { tone: 'info', message: `${message} Left alone: ${left.join('; ')}.` };
}

export interface ReconcileBulkActionsProps {
  slug: string;
  /** The accounts ticked on this page, with what the page shows of them; none: the actions take the whole filter. */
  selected: readonly { id: string; situation: string; linkStatus: string }[];
  /** The table's rendered search and filters. */
  filter: Extract<AccountSelection, { kind: 'filter' }>;
  isFiltered: boolean;
  isStale: boolean;
  /** Exact matches needing confirmation, and unmatched accounts, within the rendered search and filters. */
  confirmable: number;
  creatable: number;
  onDone: () => void;
}

/**
 * The table's bulk actions: on the ticked accounts when there are any, else on every account within
 * the search and filters. "Confirm" links exact matches for good; "Create users" makes a user of each
 * unmatched account and links it.
 */
export function ReconcileBulkActions({ slug, selected, filter, isFiltered, isStale, confirmable, creatable, onDone }: ReconcileBulkActionsProps) {
  const bySelection = selected.length > 0;
  const selection: AccountSelection = bySelection ? { kind: 'ids', ids: selected.map((row) => row.id) } : filter;
  const confirmCount = bySelection ? selected.filter((r) => r.situation === 'exact_match' && r.linkStatus === 'needs_confirmation').length : confirmable;
  const createCount = bySelection ? selected.filter((r) => r.situation === 'no_match' && r.linkStatus === 'unlinked').length : creatable;
  const where = bySelection ? ' among the selected accounts' : isFiltered ? ' within the current search and filters' : '';

  return (
    <>
      <BulkAction
        label={bySelection ? 'Confirm selected' : 'Confirm all exact matches'}
        count={confirmCount}
        noneTitle={bySelection ? 'No selected account is an exact match that needs confirmation' : 'No exact match needs confirmation here'}
        isStale={isStale}
        title={bySelection ? 'Confirm the selected exact matches?' : 'Confirm all exact matches?'}
        description={`${exactMatches(confirmCount)} ${confirmCount === 1 ? 'needs' : 'need'} confirmation${where}. Each account will be linked for good to the one user it matched exactly.`}
        note="Later imports never change a confirmed link. You can still unlink an account one by one."
        confirmLabel={`Confirm ${exactMatches(confirmCount)}`}
        run={() => confirmExactMatchesAction({ slug, selection })}
        done={({ confirmed }) => ({ tone: 'success', message: `Confirmed ${exactMatches(confirmed)}.` })}
        onDone={onDone}
      />
      <BulkAction
        label={bySelection ? 'Create users for selected' : 'Create users for all unmatched'}
        variant="secondary"
        count={createCount}
        noneTitle={bySelection ? 'No selected account is unmatched' : 'No unmatched account here'}
        isStale={isStale}
        title={bySelection ? 'Create users for the selected unmatched accounts?' : 'Create users for all unmatched accounts?'}
        description={`${accounts(createCount)} ${createCount === 1 ? 'matches' : 'match'} no user${where}. Each gets a new user made from its username, e-mail and names, and is linked to it.`}
        note="An account whose username a user already has is left alone: assign that user instead. The new users are matched against every application's accounts."
        confirmLabel={`Create ${users(createCount)}`}
        run={() => createUsersForUnmatchedAction({ slug, selection })}
        done={createdMessage}
        onDone={onDone}
      />
    </>
  );
}
