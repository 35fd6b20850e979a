'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { ProgressBar } from '@/components/ui/progress-bar';
import { Select } from '@/components/ui/select';
import { formatBytes } from '@/lib/http/read-body';
import { importHref } from '@/app/(console)/imports/_components/import-words';
import { ImportProgress, type ImportProgressState } from '../[importId]/_components/import-progress';
import { uploadFeed, type UploadHandle } from './upload-feed';

const formatOptions = [
  { value: '', label: 'Detect automatically' },
  { value: 'csv', label: 'CSV' },
  { value: 'tsv', label: 'TSV' },
  { value: 'json', label: 'JSON' },
  { value: 'jsonl', label: 'JSON lines' },
  { value: 'xml-children', label: 'XML (child nodes)' },
  { value: 'xml-attributes', label: 'XML (attributes)' },
] as const;

type Phase =
  | { name: 'idle'; notice?: string }
  | { name: 'uploading'; sent: number; total: number }
  /** every byte sent; the server records the feed and queues its import */
  | { name: 'recording' }
  /** queued: a worker reads and plans it, the card follows its progress */
  | { name: 'importing'; importId: string }
  | { name: 'failed'; message: string; row?: number; field?: string; importId?: string };

/** What the card's progress bar starts from, before the first progress check answers. */
const queuedState: ImportProgressState = { status: 'queued', rowsDone: 0, rowsTotal: null, startedAt: null };

export interface UploadCardProps {
  slug: string;
  applicationName: string;
  /** The server's limit (`UPLOAD_MAX_BYTES`), checked here first so a too-large file is not sent for nothing. */
  maxBytes: number;
}

/**
 * Upload a feed file: its bytes stream to the upload route with real progress; the route queues the
 * import and answers at once. The card then follows the import (rows read, rows per second, time
 * left) while a worker reads and plans it, nothing applied; closing the page does not stop it. Once
 * planned, the import's page opens with the preview: what applying would do, and Apply or Discard.
 */
export function UploadCard({ slug, applicationName, maxBytes }: UploadCardProps) {
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const [fileError, setFileError] = useState<string | undefined>();
  const [navigating, startNavigation] = useTransition();
  const fileRef = useRef<HTMLInputElement>(null);
  const handleRef = useRef<UploadHandle | null>(null);
  const busy = phase.name === 'uploading' || phase.name === 'recording' || phase.name === 'importing' || navigating;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const file = fileRef.current?.files?.[0];
    const problem = !file
      ? 'Choose the feed file to upload.'
      : file.size === 0
        ? 'The file is empty.'
        : file.size > maxBytes
          ? `The file is ${formatBytes(file.size)}; the limit is ${formatBytes(maxBytes)}.`
          : undefined;
    setFileError(problem);
    if (!file || problem) {
      setPhase({ name: 'idle' });
      fileRef.current?.focus();
      return;
    }
    const format = String(new FormData(event.currentTarget).get('format') ?? '');
    setPhase({ name: 'uploading', sent: 0, total: file.size });
    const handle = uploadFeed({
      slug,
      file,
      format,
      onProgress: (sent, total) => setPhase((current) => (current.name === 'uploading' ? { name: 'uploading', sent, total } : current)),
      onSent: () => setPhase({ name: 'recording' }),
    });
    handleRef.current = handle;
    const outcome = await handle.done;
    handleRef.current = null;
    if (outcome.kind === 'queued') {
      setPhase({ name: 'importing', importId: outcome.importId });
    } else if (outcome.kind === 'imported') {
      openImport(outcome.importId);
    } else if (outcome.kind === 'cancelled') {
      setPhase({ name: 'idle', notice: 'Upload cancelled. Nothing was imported.' });
    } else {
      setPhase({ name: 'failed', message: outcome.message, row: outcome.row, field: outcome.field, importId: outcome.kind === 'failed-import' ? outcome.importId : undefined });
    }
  }

  function openImport(importId: string) {
    startNavigation(() => router.push(importHref(slug, importId)));
  }

  /** The queued import has been read and planned (or held, or failed): its page, or why it failed. */
  function settled(importId: string, state: ImportProgressState) {
    if (state.status !== 'failed') return openImport(importId);
    const { message = 'The import failed; nothing was applied.', row, field } = state.error ?? {};
    setPhase({ name: 'failed', message, row, field, importId });
  }

  return (
    <Card
      title="Upload a feed"
      description={`The complete list of ${applicationName}'s accounts: accounts missing from it will be marked removed. You see what the feed would change before anything is applied. CSV, TSV, JSON, JSON lines or XML, up to ${formatBytes(maxBytes)}.`}
    >
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy || undefined}>
        <div className="grid-2 grid">
          <Field label="Feed file" error={fileError} required>
            {(control) => (
              <input
                {...control}
                ref={fileRef}
                className="input"
                type="file"
                name="file"
                accept=".csv,.tsv,.json,.jsonl,.ndjson,.xml"
                disabled={busy}
                onChange={() => setFileError(undefined)}
              />
            )}
          </Field>
          <Field label="Format" hint="Leave on “Detect automatically” unless the file’s extension is misleading.">
            {(control) => <Select {...control} name="format" options={formatOptions} defaultValue="" disabled={busy} />}
          </Field>
        </div>
        <UploadStatus phase={phase} navigating={navigating} slug={slug} onSettled={settled} />
        <p role="status" className="visually-hidden">
          {announcement(phase, navigating)}
        </p>
        <div className="row row-wrap">
          <Button type="submit" variant="primary" disabled={busy} aria-busy={busy || undefined}>
            {busy && <span className="spinner" aria-hidden="true" />}
            Upload and preview
          </Button>
          {phase.name === 'uploading' && (
            <Button variant="ghost" onClick={() => handleRef.current?.cancel()}>
              Cancel upload
            </Button>
          )}
        </div>
      </form>
    </Card>
  );
}

type UploadStatusProps = { phase: Phase; navigating: boolean; slug: string; onSettled: (importId: string, state: ImportProgressState) => void };

function UploadStatus({ phase, navigating, slug, onSettled }: UploadStatusProps) {
  if (phase.name === 'uploading') {
    const percent = phase.total > 0 ? Math.floor((phase.sent / phase.total) * 100) : 0;
    const text = `${formatBytes(phase.sent)} of ${formatBytes(phase.total)} sent`;
    return (
      <div className="stack stack-sm">
        <ProgressBar label="Upload progress" value={phase.sent} max={Math.max(phase.total, 1)} valueText={`${text} (${percent} %)`} />
        <p className="muted text-sm" aria-hidden="true">
          Uploading… {text} ({percent} %)
        </p>
      </div>
    );
  }
  if (navigating) return <p className="muted text-sm">Read. Opening the preview…</p>;
  if (phase.name === 'recording') {
    return (
      <div className="stack stack-sm">
        <ProgressBar label="Import progress" />
        <p className="muted text-sm">Sent. Recording the feed…</p>
      </div>
    );
  }
  if (phase.name === 'importing') {
    const { importId } = phase;
    return (
      <ImportProgress
        importId={importId}
        initial={queuedState}
        onSettled={(state) => onSettled(importId, state)}
        note="Reading the feed and planning the changes; nothing is applied yet. You can leave this page: the import goes on, and its page shows it."
      />
    );
  }
  if (phase.name === 'failed') {
    const where = [phase.row !== undefined ? `row ${phase.row}` : null, phase.field ? `field “${phase.field}”` : null].filter(Boolean).join(', ');
    return (
      <Alert
        tone="error"
        title={phase.importId ? 'The import failed; nothing was applied' : 'The feed was not imported'}
        actions={phase.importId ? <Link href={importHref(slug, phase.importId)}>View the failed import</Link> : undefined}
      >
        <p>{phase.message}</p>
        {where && <p className="text-sm">Where: {where}.</p>}
      </Alert>
    );
  }
  return phase.notice ? <p className="muted">{phase.notice}</p> : null;
}

/** What the polite live region says; the progress bar itself is not announced at every step. */
function announcement(phase: Phase, navigating: boolean): string {
  if (navigating) return 'Read. Opening the preview…';
  if (phase.name === 'uploading') return 'Uploading…';
  if (phase.name === 'recording') return 'Sent. Recording the feed…';
  if (phase.name === 'idle') return phase.notice ?? '';
  return '';
}
