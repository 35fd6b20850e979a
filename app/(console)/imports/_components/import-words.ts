import type { Tone } from '@/components/ui/class-names';
import type { ChangeKind, ImportStatus, ImportTrigger, LogLevel } from '@/lib/enums';

/** The words for an import's status, trigger, log levels and changes: one place, used by every imports page. */
export const importStatusWords: Record<ImportStatus, { label: string; tone: Tone }> = {
  succeeded: { label: 'Success', tone: 'success' },
  partial: { label: 'Partial success', tone: 'warning' },
  failed: { label: 'Failure', tone: 'danger' },
  running: { label: 'Running', tone: 'info' },
  queued: { label: 'Queued', tone: 'neutral' },
  staged: { label: 'Awaiting review', tone: 'info' },
  held: { label: 'Held by safeguard', tone: 'warning' },
  discarded: { label: 'Discarded', tone: 'neutral' },
};

export const importTriggerWords: Record<ImportTrigger, string> = {
  upload: 'Upload',
  api: 'Upload API',
  schedule: 'Schedule',
  manual: 'Manual',
};

export const logLevelWords: Record<LogLevel, { label: string; plural: string; tone: Tone }> = {
  error: { label: 'Error', plural: 'Errors', tone: 'danger' },
  warning: { label: 'Warning', plural: 'Warnings', tone: 'warning' },
  info: { label: 'Info', plural: 'Info', tone: 'neutral' },
};

export const changeKindWords: Record<ChangeKind, { label: string; tone: Tone }> = {
  add: { label: 'Added', tone: 'success' },
  update: { label: 'Updated', tone: 'info' },
  remove: { label: 'Removed', tone: 'danger' },
  restore: { label: 'Restored', tone: 'warning' },
};

export const feedFormatWords: Record<string, string> = {
  csv: 'CSV',
  tsv: 'TSV',
  json: 'JSON',
  jsonl: 'JSON lines',
  'xml-children': 'XML (child nodes)',
  'xml-attributes': 'XML (attributes)',
};

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "12 Mar 2026, 09:41:07 UTC": the same on every server, whatever its time zone. */
export function formatDateTime(date: Date): string {
  return `${dateTime.format(date)} UTC`;
}

const compactDateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const timeOnly = new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium', timeZone: 'UTC' });

/** "12 Mar 2026, 09:41", for table cells (whose header says UTC). */
export function formatCompactDateTime(date: Date): string {
  return compactDateTime.format(date);
}

/** An end time next to its start: "09:41:07" on the same (UTC) day, the compact date and time otherwise. */
export function formatEnd(end: Date, start: Date): string {
  return end.toISOString().slice(0, 10) === start.toISOString().slice(0, 10) ? timeOnly.format(end) : compactDateTime.format(end);
}

/** "12 Mar", for chart axes. */
export function formatShortDate(date: Date): string {
  return shortDate.format(date);
}

/** "840 ms", "4.2 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const whole = Math.round(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
  return `${Math.floor(whole / 3600)} h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')} min`;
}

/** Who started an import, for people: the admin's e-mail, "Token: nightly-hr", "System: schedule". */
export function describeImportActor(actor: string): string {
  if (actor.startsWith('token:')) return `Token: ${actor.slice('token:'.length)}`;
  if (actor.startsWith('system:')) return `System: ${actor.slice('system:'.length)}`;
  return actor;
}

/** Where an import's page lives. */
export function importHref(applicationSlug: string, importId: string): string {
  return `/applications/${encodeURIComponent(applicationSlug)}/imports/${encodeURIComponent(importId)}`;
}
