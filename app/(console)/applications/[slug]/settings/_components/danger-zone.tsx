'use client';

import { useState, useTransition, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import type { AppError } from '@/lib/errors';
import { deleteApplicationAction } from '../actions';

export interface DangerZoneProps {
  slug: string;
  name: string;
  version: number;
}

/** Deleting asks for the slug to be typed, so that it is never one click away. */
export function DangerZone({ slug, name, version }: DangerZoneProps) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [pending, startTransition] = useTransition();
  const formId = `delete-${slug}`;

  const close = () => {
    setOpen(false);
    setTyped('');
    setError(null);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (typed.trim() !== slug) return;
    startTransition(async () => {
      // On success the action sends the browser to the list of applications.
      const result = await deleteApplicationAction({ slug, version });
      if (result && !result.ok) setError(result.error);
    });
  };

  return (
    <div className="row row-between row-wrap">
      <p className="muted">Deletes {name} with all its accounts, feeds and imports. Identities stay. This cannot be undone.</p>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete application
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={`Delete ${name}?`}
        description="Its accounts, feeds, imports and links to identities are deleted for good. Identities stay, and so does the audit log."
        footer={
          <>
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" form={formId} variant="danger" disabled={pending || typed.trim() !== slug} aria-busy={pending || undefined}>
              {pending && <span className="spinner" aria-hidden="true" />}
              Delete permanently
            </Button>
          </>
        }
      >
        <form id={formId} className="stack" onSubmit={onSubmit} noValidate>
          {error && (
            <Alert tone="error" title={error.code === 'conflict' ? 'Not deleted: this application changed meanwhile.' : undefined}>
              {error.message}
            </Alert>
          )}
          <Field label={<>Type <span className="mono">{slug}</span> to confirm</>}>
            {(control) => (
              <Input {...control} className="mono" autoComplete="off" spellCheck={false} value={typed} onChange={(event) => setTyped(event.target.value)} />
            )}
          </Field>
        </form>
      </Dialog>
    </div>
  );
}
