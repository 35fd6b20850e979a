'use client';

import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { formatCount } from '@/components/ui/class-names';
import { Dialog } from '@/components/ui/dialog';
import type { AppError } from '@/lib/errors';
import { applyImportAction, discardImportAction } from '../actions';

export interface ReviewActionsProps {
  importId: string;
  /** staged: Apply import; held (or a preview the safeguard would hold): Apply anyway, with the safeguard confirmation. */
  status: 'staged' | 'held';
  /** A dry run is never applied: no Apply button. */
  dryRun: boolean;
  /** Accounts applying would remove, for the safeguard confirmation. */
  removes: number;
}

type Open = null | 'discard' | 'override';

/**
 * Apply or Discard an import awaiting review. Discard asks first; applying a held import asks the
 * admin to acknowledge how many accounts it removes. The page re-renders with the outcome (the
 * actions revalidate it); a refusal is shown here in words.
 */
export function ReviewActions({ importId, status, dryRun, removes }: ReviewActionsProps) {
  const [open, setOpen] = useState<Open>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [pending, startTransition] = useTransition();

  const close = () => {
    setOpen(null);
    setAcknowledged(false);
  };
  const apply = (overrideSafeguard: boolean) =>
    startTransition(async () => {
      setError(null);
      const result = await applyImportAction({ importId, overrideSafeguard });
      if (!result.ok) setError(result.error);
      close();
    });
  const discard = () =>
    startTransition(async () => {
      setError(null);
      const result = await discardImportAction({ importId });
      if (!result.ok) setError(result.error);
      close();
    });
  const spinner = pending && <span className="spinner" aria-hidden="true" />;
  const accounts = `${formatCount(removes)} ${removes === 1 ? 'account' : 'accounts'}`;

  return (
    <div className="stack stack-sm">
      {error && (
        <Alert tone="error" title={error.code === 'safeguard' ? 'Held by the safeguard; nothing was applied' : 'Nothing was changed'}>
          {error.message}
        </Alert>
      )}
      <div className="row row-wrap">
        {!dryRun && status === 'staged' && (
          <Button variant="primary" onClick={() => apply(false)} disabled={pending} aria-busy={pending || undefined}>
            {spinner}
            Apply import
          </Button>
        )}
        {!dryRun && status === 'held' && (
          <Button variant="danger" onClick={() => setOpen('override')} disabled={pending}>
            Apply anyway
          </Button>
        )}
        <Button onClick={() => setOpen('discard')} disabled={pending}>
          Discard
        </Button>
      </div>
      <Dialog
        open={open === 'discard'}
        onClose={close}
        title="Discard this import?"
        description="Nothing of this feed is applied, and its staged rows are dropped. The import stays in the history as discarded, with its log and original file."
        footer={
          <>
            <Button onClick={close}>Cancel</Button>
            <Button variant="danger" onClick={discard} disabled={pending} aria-busy={pending || undefined}>
              {spinner}
              Discard import
            </Button>
          </>
        }
      />
      <Dialog
        open={open === 'override'}
        onClose={close}
        title="Apply despite the safeguard?"
        description={`Applying this feed marks ${accounts} removed${removes > 0 ? ' (for a source application, their identities are blocked)' : ''}. The override is recorded in the audit log under your name.`}
        footer={
          <>
            <Button onClick={close}>Cancel</Button>
            <Button variant="danger" onClick={() => apply(true)} disabled={pending || !acknowledged} aria-busy={pending || undefined}>
              {spinner}
              Apply anyway
            </Button>
          </>
        }
      >
        <label className="checkbox-label">
          <input type="checkbox" checked={acknowledged} onChange={(event) => setAcknowledged(event.target.checked)} />
          I understand this removes {accounts}
        </label>
      </Dialog>
    </div>
  );
}
