'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { ProgressBar } from '@/components/ui/progress-bar';
import type { ImportStatus } from '@/lib/enums';
import { describeProgress, rowsPerSecond, type ProgressSample } from './progress-words';

export type ImportProgressState = {
  status: ImportStatus;
  rowsDone: number;
  rowsTotal: number | null;
  startedAt: string | null;
  /** why a failed import failed, with the row and field of its first error when known */
  error?: { message: string; row?: number; field?: string };
};

export interface ImportProgressProps {
  importId: string;
  initial: ImportProgressState;
  /** Called once when the import leaves queued/running; by default the page is re-rendered from the server. */
  onSettled?: (state: ImportProgressState) => void;
  /** The line under the figures: what following the import means where it is shown. */
  note?: string;
}

const POLL_MS = 1000;

/**
 * The live progress of a queued or running import: polls `GET /api/imports/[id]/progress` every
 * second and shows rows done (of the total once known), rows per second and the time left. When the
 * import leaves `running`/`queued`, `onSettled` runs (by default the page is re-rendered from the
 * server with the outcome). The import page and the upload card both show it.
 */
export function ImportProgress({
  importId,
  initial,
  onSettled,
  note = 'Nothing is applied until the whole feed has been read. This page follows the import as it runs.',
}: ImportProgressProps) {
  const router = useRouter();
  // The latest callback, without restarting the polling when the parent re-renders.
  const settledRef = useRef(onSettled);
  useEffect(() => {
    settledRef.current = onSettled;
  }, [onSettled]);
  const [state, setState] = useState(initial);
  const [lost, setLost] = useState(false);
  /** The first sample this page saw and the time of the latest, for rows per second. */
  const [samples, setSamples] = useState<{ first: ProgressSample; at: number } | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch(`/api/imports/${encodeURIComponent(importId)}/progress`, { cache: 'no-store' });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const next = (await response.json()) as ImportProgressState;
        if (stopped) return;
        const at = Date.now();
        setSamples((current) => ({ first: current?.first ?? { at, rowsDone: next.rowsDone }, at }));
        setState(next);
        setLost(false);
        if (next.status !== 'running' && next.status !== 'queued') {
          if (settledRef.current) settledRef.current(next);
          else router.refresh();
          return;
        }
      } catch {
        // Shown in words below; the next poll tries again.
        if (!stopped) setLost(true);
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [importId, router]);

  const known = state.rowsTotal !== null && state.rowsTotal > 0;
  const allRead = known && state.rowsDone >= state.rowsTotal!;
  const rate = samples
    ? rowsPerSecond(samples.first, { at: samples.at, rowsDone: state.rowsDone }, state.startedAt ? Date.parse(state.startedAt) : null)
    : null;
  const text = describeProgress(state.rowsDone, state.rowsTotal, allRead ? null : rate);
  const title = state.status === 'queued' ? 'Waiting to start' : allRead ? 'Every row is read; working out the changes…' : 'Reading the feed…';
  // Styled like an info alert but not a live region: the figures change every second and must not be
  // read out each time; the phase (the title) is announced once through the status line.
  return (
    <div className="alert alert-info">
      <div className="alert-body">
        <p className="alert-title" role="status">
          {title}
        </p>
        <div className="stack stack-sm">
          <ProgressBar label="Import progress" value={known ? state.rowsDone : null} max={known ? state.rowsTotal! : 100} valueText={text} />
          <p className="text-sm">{text}</p>
          <p className="text-sm muted">{note}</p>
          {lost && <p className="text-sm">Concord did not answer the last progress check; trying again…</p>}
        </div>
      </div>
    </div>
  );
}
