'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import type { AppError } from '@/lib/errors';
import type { ImportStatus } from '@/lib/enums';
import { importHref, importStatusWords } from '../../../../imports/_components/import-words';
import { deleteSyncConfigAction, setSyncEnabledAction, syncNowAction } from '../actions';
import { SyncMessageAlert, type SyncMessage } from './sync-message';

export interface SyncControlsProps {
  slug: string;
  version: number;
  enabled: boolean;
}

type Ran = { importId: string | null; status: ImportStatus; error: string | null };

/** "Sync now", "Disable"/"Enable" and "Delete configuration" (after a confirmation). Admins only. */
export function SyncControls({ slug, version, enabled }: SyncControlsProps) {
  const [message, setMessage] = useState<SyncMessage>(null);
  const [ran, setRan] = useState<Ran | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState<'sync' | 'toggle' | 'delete' | null>(null);
  const [, startTransition] = useTransition();

  const syncNowClick = () => {
    setMessage(null);
    setRan(null);
    setBusy('sync');
    startTransition(async () => {
      const result = await syncNowAction({ slug });
      setBusy(null);
      if (result.ok) setRan(result.value);
      else setMessage({ tone: 'error', error: result.error });
    });
  };
  const toggleClick = () => {
    setMessage(null);
    setRan(null);
    setBusy('toggle');
    startTransition(async () => {
      const result = await setSyncEnabledAction({ slug, enabled: !enabled, version });
      setBusy(null);
      setMessage(
        result.ok
          ? { tone: 'success', message: result.value.enabled ? 'Enabled: the next pull is one interval from now.' : 'Disabled: no pulls until it is enabled again.' }
          : { tone: 'error', error: result.error },
      );
    });
  };
  const closeDialog = () => {
    setConfirming(false);
    setDeleteError(null);
  };
  const deleteClick = () => {
    setBusy('delete');
    startTransition(async () => {
      const result = await deleteSyncConfigAction({ slug, version });
      setBusy(null);
      if (result.ok) closeDialog();
      else setDeleteError(result.error);
    });
  };

  return (
    <div className="stack">
      <div className="row row-wrap">
        <Button variant="primary" onClick={syncNowClick} disabled={busy !== null} aria-busy={busy === 'sync' || undefined}>
          {busy === 'sync' && <span className="spinner" aria-hidden="true" />}
          {busy === 'sync' ? 'Syncing…' : 'Sync now'}
        </Button>
        <Button onClick={toggleClick} disabled={busy !== null} aria-busy={busy === 'toggle' || undefined}>
          {enabled ? 'Disable' : 'Enable'}
        </Button>
        <Button variant="danger" onClick={() => setConfirming(true)} disabled={busy !== null}>
          Delete configuration
        </Button>
      </div>
      {ran && <SyncNowOutcome slug={slug} ran={ran} />}
      <SyncMessageAlert message={message} />
      <Dialog
        open={confirming}
        onClose={closeDialog}
        title="Delete the sync configuration?"
        description="You will have to create the configuration again from scratch if you need it back. The imports it made stay in the history."
        footer={
          <>
            <Button onClick={closeDialog}>Cancel</Button>
            <Button variant="danger" onClick={deleteClick} disabled={busy === 'delete'} aria-busy={busy === 'delete' || undefined}>
              {busy === 'delete' && <span className="spinner" aria-hidden="true" />}
              Delete
            </Button>
          </>
        }
      >
        {deleteError && (
          <Alert tone="error" title={deleteError.code === 'conflict' ? 'Not deleted: the configuration changed meanwhile.' : undefined}>
            {deleteError.message}
          </Alert>
        )}
      </Dialog>
    </div>
  );
}

/** What "Sync now" did, in the import status words, with the way to its import. */
function SyncNowOutcome({ slug, ran }: { slug: string; ran: Ran }) {
  const words = importStatusWords[ran.status];
  const link = ran.importId ? <Link href={importHref(slug, ran.importId)}>View import</Link> : undefined;
  if (!ran.importId) {
    return (
      <Alert tone="error" title="The pull failed; nothing was imported.">
        {ran.error}
      </Alert>
    );
  }
  const tone = ran.status === 'succeeded' ? 'success' : ran.status === 'failed' ? 'error' : ran.status === 'partial' || ran.status === 'held' ? 'warning' : 'info';
  return (
    <Alert tone={tone} title={`Sync finished: ${words.label}.`} actions={link}>
      {ran.error}
    </Alert>
  );
}
