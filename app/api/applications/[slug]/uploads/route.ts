import { feedFormats } from '@/lib/enums';
import { env } from '@/lib/env';
import { describeImportFailure, enqueueImport, isPending, waitForImport } from '@/lib/data/imports';
import { readBody } from '@/lib/http/read-body';
import { errorResponse, withAdmin } from '@/lib/http/route-auth';

/** How long a waiting upload (not the card's) holds the request before answering 202. */
const WAIT_CAP_MS = 10 * 60_000;

/**
 * Browser upload of one feed: POST the file's raw bytes, its name in `X-File-Name` (URI-encoded),
 * optionally `?format=` (csv, tsv, json, jsonl, xml-children, xml-attributes; else detected) and
 * `?preview=true` (the upload card always sends it: stage and plan only, the admin then Applies or
 * Discards on the import's page; without it the feed is applied unless the safeguard holds it).
 * A route handler rather than a server action, which would stop at 1 MB; the proxy stays out of
 * /api, so the body streams straight here and the size cap is enforced while reading it.
 *
 * The import is queued; a worker runs it whether or not the browser stays. With `?wait=false` (the
 * upload card) the answer comes at once, and the card follows the import through
 * `GET /api/imports/{id}/progress`; otherwise (scripts, tests) when it has finished, as below.
 *
 * 202 `{ import: { id, status, … } }` — queued or running (`?wait=false`, or a wait of 10 minutes ran out).
 * 201 `{ import: { id, status, counts, error, holdReason } }` — imported (succeeded or partial) or, with
 *     `?preview=true`, staged for review (status staged, counts planned).
 * 409 `{ import: {…}, error: { code: 'safeguard', message } }` — held by the safeguard, nothing applied.
 * 422 `{ import: {…}, error: { code: 'import_failed', message, row? } }` — the feed was recorded but
 *     could not be applied (a bad file): nothing changed, and the import can be opened to see why.
 * 4xx `{ error: { code, message } }` — refused before an import was recorded (size, format, rights).
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return withAdmin(request, 'admin', async (ctx) => {
    const query = new URL(request.url).searchParams;
    const format = query.get('format')?.trim() || undefined;
    const preview = query.get('preview') === 'true';
    const wait = query.get('wait') !== 'false';
    if (format !== undefined && !(feedFormats as readonly string[]).includes(format)) {
      return errorResponse({ code: 'invalid', message: `"${format}" is not a feed format. Use one of: ${feedFormats.join(', ')}.`, field: 'format' });
    }
    const body = await readBody(request, { maxBytes: env().UPLOAD_MAX_BYTES });
    if (!body.ok) return errorResponse(body.error);

    const result = await enqueueImport(ctx, {
      applicationSlug: slug,
      content: body.value,
      fileName: fileNameFrom(request.headers.get('x-file-name')),
      format,
      contentType: request.headers.get('content-type') ?? undefined,
      trigger: 'upload',
      mode: preview ? 'preview' : 'apply',
    });
    if (!result.ok) return errorResponse(result.error);
    const outcome = wait ? await waitForImport(ctx.db, result.value.id, { timeoutMs: WAIT_CAP_MS, signal: request.signal }) : result.value;
    const summary = { id: outcome.id, status: outcome.status, counts: outcome.counts, error: outcome.error, holdReason: outcome.holdReason };
    if (isPending(outcome.status)) return Response.json({ import: summary }, { status: 202, headers: { 'Cache-Control': 'no-store' } });
    if (outcome.status === 'failed') {
      return Response.json({ import: summary, error: await describeImportFailure(ctx, outcome) }, { status: 422, headers: { 'Cache-Control': 'no-store' } });
    }
    if (outcome.status === 'held') {
      const error = { code: 'safeguard', message: outcome.holdReason ?? 'The safeguard held this feed; nothing was applied.' };
      return Response.json({ import: summary, error }, { status: 409, headers: { 'Cache-Control': 'no-store' } });
    }
    return Response.json({ import: summary }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  });
}

/** The client sends `encodeURIComponent(file.name)`; keep only a plain base name, never a path. */
function fileNameFrom(header: string | null): string | undefined {
  if (!header) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(header);
  } catch {
    // Not valid percent-encoding (a hand-made request): take the header as it came.
    name = header;
  }
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return clean === '' ? undefined : clean;
}
