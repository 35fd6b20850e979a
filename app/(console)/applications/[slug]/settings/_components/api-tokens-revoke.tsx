'use client';

import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import type { AppError } from '@/lib/errors';
import { revokeTokenAction } from '../token-actions';

export interface RevokeTokenButtonProps {
  slug: string;
  tokenId: string;
  name: string;
  prefix: string;
}

/** "Revoke <name>", confirmed in a dialog: scripts that use the token stop working at once. */
export function RevokeTokenButton({ slug, tokenId, name, prefix }: RevokeTokenButtonProps) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [pending, startTransition] = useTransition();

  const close = () => {
    setOpen(false);
    setError(null);
  };
  const revoke = () => {
    startTransition(async () => {
      const result = await revokeTokenAction({ slug, tokenId });
      if (result.ok) close();
      else setError(result.error);
    });
  };

  return (
    <>
      <Button size="sm" variant="danger" aria-label={`Revoke ${name}`} onClick={() => setOpen(true)}>
        Revoke
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={`Revoke the token "${name}"?`}
        description={`Requests with this token (${prefix}…) are refused from now on, with 401. This cannot be undone; a new token can be created instead.`}
        footer={
          <>
            <Button onClick={close}>Cancel</Button>
            <Button variant="danger" onClick={revoke} disabled={pending} aria-busy={pending || undefined}>
              {pending && <span className="spinner" aria-hidden="true" />}
              Revoke token
            </Button>
          </>
        }
      >
        {error && <Alert tone="error">{error.message}</Alert>}
      </Dialog>
    </>
  );
}
