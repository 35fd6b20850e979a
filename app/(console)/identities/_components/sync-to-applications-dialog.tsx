'use client';

import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { formatCount } from '@/components/ui/class-names';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { useToast } from '@/components/ui/toast-provider';
import type { AppError } from '@/lib/errors';
import { previewSyncAction, syncToApplicationsAction } from '../sync-actions';

export interface SyncToApplicationsProps {
  /** the chosen identities, or every identity */
  identities: string[] | 'all';
  /** target applications to offer besides "All applications" */
  applications: { slug: string; name: string }[];
  /** the opening button's words */
  buttonLabel: string;
  disabled?: boolean;
}

const eventsWord = (n: number) => `${formatCount(n)} event${n === 1 ? '' : 's'}`;

type Preview = { events: number; identities: number; applications: number };

/**
 * "Sync to applications" (seed 000): choose one application or all, see how many events it sends,
 * then confirm with that number. Only identities assigned to an application are sent to it.
 */
export function SyncToApplicationsDialog({ identities, applications, buttonLabel, disabled }: SyncToApplicationsProps) {
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [application, setApplication] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [pending, startTransition] = useTransition();
  const scope = { identities, application: application || null };

  const count = (slug: string) => {
    setPreview(null);
    setError(null);
    startTransition(async () => {
      const result = await previewSyncAction({ scope: { identities, application: slug || null } });
      if (result.ok) setPreview(result.value);
      else setError(result.error);
    });
  };
  const openDialog = () => {
    setOpen(true);
    count(application);
  };
  const confirm = () =>
    startTransition(async () => {
      const result = await syncToApplicationsAction({ scope, confirmedEvents: preview?.events });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setOpen(false);
      toast({ tone: 'success', message: `${eventsWord(result.value.events)} queued for delivery.` });
    });

  const all = identities === 'all';
  return (
    <>
      <Button disabled={disabled} onClick={openDialog}>
        {buttonLabel}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Sync to applications"
        description={
          all
            ? 'Sends every assigned identity again to its applications. A full sync is heavy for the receivers: use it sparingly, e.g. after connecting a new application.'
            : `Sends ${identities.length === 1 ? 'this identity' : `these ${formatCount(identities.length)} identities`} again to the applications ${identities.length === 1 ? 'it is' : 'they are'} assigned to.`
        }
        footer={
          <>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button variant="primary" disabled={pending || !preview || preview.events === 0} aria-busy={pending || undefined} onClick={confirm}>
              {preview ? `Send ${eventsWord(preview.events)}` : 'Counting…'}
            </Button>
          </>
        }
      >
        <div className="stack">
          <Field label="Applications">
            {(control) => (
              <Select
                {...control}
                value={application}
                onChange={(event) => {
                  setApplication(event.target.value);
                  count(event.target.value);
                }}
                options={[{ value: '', label: 'All applications' }, ...applications.map((app) => ({ value: app.slug, label: app.name }))]}
              />
            )}
          </Field>
          <p aria-live="polite">
            {preview &&
              (preview.events === 0
                ? 'Nothing to send: no assignment in this scope.'
                : `This sends ${eventsWord(preview.events)} for ${formatCount(preview.identities)} ${preview.identities === 1 ? 'identity' : 'identities'} to ${preview.applications} ${preview.applications === 1 ? 'application' : 'applications'}.`)}
          </p>
          {all && preview && preview.events > 0 && (
            <Alert tone="warning" title={`Confirm: ${eventsWord(preview.events)}.`}>
              Every one of them is delivered to its application&apos;s webhook; the console stays responsive meanwhile.
            </Alert>
          )}
          {error && <Alert tone="error">{error.message}</Alert>}
        </div>
      </Dialog>
    </>
  );
}
