'use client';

import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import type { IdentitySelection } from '@/lib/data/assignments';
import { assignAction } from '../../applications/[slug]/access/actions';
import { countOf, useAccessAction } from '../../applications/[slug]/access/_components/use-access-action';

export type TargetApplication = { slug: string; name: string };

const formId = 'assign-to-application-form';

/**
 * "Assign to application…": assigns one identity, the selected rows, or everything the table's
 * search and filters select, to a target application. They arrive there invited.
 */
export function AssignToApplicationDialog({
  applications,
  selection,
  what,
  disabled,
  onDone,
}: {
  applications: TargetApplication[];
  selection: IdentitySelection;
  /** What is being assigned, in words: "Ada Lovelace", "3 selected identities", "all 1,204 matching identities". */
  what: string;
  disabled?: boolean;
  onDone?: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [slug, setSlug] = useState('');
  const { pending, error, setError, perform } = useAccessAction();
  const close = () => {
    setOpen(false);
    setError(null);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!slug) {
      setError({ code: 'invalid', message: 'Choose an application.', field: 'slug' });
      return;
    }
    const name = applications.find((a) => a.slug === slug)?.name ?? slug;
    perform(
      () => assignAction({ slug, selection }),
      (r) => `${countOf(r.assigned, 'identity', 'identities')} assigned to ${name}.`,
      () => {
        close();
        onDone?.();
      },
    );
  };

  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={disabled}>
        Assign to application…
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title="Assign to application"
        description={`Assigns ${what}. Only assigned identities are sent to an application; they arrive invited and wait for a licence to be activated.`}
        footer={
          <>
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" form={formId} variant="primary" disabled={pending} aria-busy={pending || undefined}>
              {pending && <span className="spinner" aria-hidden="true" />}
              Assign
            </Button>
          </>
        }
      >
        <form id={formId} className="stack" onSubmit={onSubmit} noValidate>
          {error && error.field !== 'slug' && <Alert tone="error">{error.message}</Alert>}
          {applications.length === 0 ? (
            <p className="muted">There is no target application yet.</p>
          ) : (
            <Field label="Application" error={error?.field === 'slug' ? error.message : undefined} required>
              {(control) => (
                <Select {...control} value={slug} onChange={(e) => setSlug(e.target.value)} placeholder="Choose…" options={applications.map((a) => ({ value: a.slug, label: a.name }))} />
              )}
            </Field>
          )}
        </form>
      </Dialog>
    </>
  );
}
