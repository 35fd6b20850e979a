/**
 * Sends one feed file to `POST /api/applications/[slug]/uploads?preview=true&wait=false` with
 * XMLHttpRequest, whose `upload.onprogress` reports the bytes actually sent (fetch cannot, for a
 * request body). The server queues the import and answers at once with its id; a worker stages it
 * (nothing applied) while the card shows its progress, then its page shows what it would do.
 */

export type UploadOutcome =
  /** Recorded and queued: follow its progress, then open the import's page. */
  | { kind: 'queued'; importId: string }
  /** Staged for review (or held by the safeguard): open the import's page. */
  | { kind: 'imported'; importId: string }
  /** The feed was recorded but could not be applied: there is an import to open. */
  | { kind: 'failed-import'; importId: string; message: string; row?: number; field?: string }
  /** Refused before any import was recorded: too large, unknown format, no rights, offline. */
  | { kind: 'refused'; message: string; row?: number; field?: string }
  | { kind: 'cancelled' };

export interface UploadFeedOptions {
  slug: string;
  file: File;
  /** A feed format, or '' to let the server detect it. */
  format: string;
  /** Bytes sent so far. */
  onProgress: (sent: number, total: number) => void;
  /** Every byte is sent; the server is recording the feed. */
  onSent: () => void;
}

export interface UploadHandle {
  done: Promise<UploadOutcome>;
  cancel: () => void;
}

type ErrorBody = { code?: unknown; message?: unknown; row?: unknown; field?: unknown };
type AnswerBody = { import?: { id?: unknown }; error?: ErrorBody };

export function uploadFeed({ slug, file, format, onProgress, onSent }: UploadFeedOptions): UploadHandle {
  const xhr = new XMLHttpRequest();
  const query = `?${new URLSearchParams({ preview: 'true', wait: 'false', ...(format ? { format } : {}) })}`;
  const done = new Promise<UploadOutcome>((resolve) => {
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.upload.onload = () => onSent();
    xhr.onload = () => resolve(readAnswer(xhr));
    xhr.onerror = () =>
      resolve({ kind: 'refused', message: 'The upload did not reach Concord. Check the connection and try again; nothing was imported.' });
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => resolve({ kind: 'cancelled' });
  });
  xhr.open('POST', `/api/applications/${encodeURIComponent(slug)}/uploads${query}`);
  xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
  xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
  xhr.send(file);
  return { done, cancel: () => xhr.abort() };
}

function readAnswer(xhr: XMLHttpRequest): UploadOutcome {
  const body = parseJson(xhr.responseText);
  const importId = typeof body?.import?.id === 'string' ? body.import.id : undefined;
  const error = body?.error;
  if (importId && xhr.status === 202) return { kind: 'queued', importId };
  if (importId && (xhr.status === 201 || (xhr.status === 409 && error?.code === 'safeguard'))) return { kind: 'imported', importId };
  const where = {
    ...(typeof error?.row === 'number' ? { row: error.row } : {}),
    ...(typeof error?.field === 'string' && error.field ? { field: error.field } : {}),
  };
  const message = typeof error?.message === 'string' && error.message ? error.message : fallbackMessage(xhr.status);
  if (importId) return { kind: 'failed-import', importId, message, ...where };
  return { kind: 'refused', message, ...where };
}

function parseJson(text: string): AnswerBody | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as AnswerBody) : null;
  } catch {
    // Not JSON: a proxy's or the platform's error page. The status code still says what happened.
    return null;
  }
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended. Sign in again, then upload the file.';
  if (status === 403) return 'Your role does not allow importing feeds.';
  if (status === 413) return 'The file is larger than the server accepts.';
  if (status >= 500) return `Concord could not finish the import (error ${status}). Nothing was applied; try again, and tell an administrator if it keeps happening.`;
  return `The upload was refused (error ${status}). Nothing was imported.`;
}
