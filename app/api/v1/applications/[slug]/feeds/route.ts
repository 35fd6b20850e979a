import { getApplication } from '@/lib/data/applications';
import type { DataContext } from '@/lib/data/context';
import { describeImportFailure, enqueueImport, isPending, waitForImport, type ImportOutcome } from '@/lib/data/imports';
import { env } from '@/lib/env';
import { errorWith, withToken } from '@/lib/http/api-auth';
import { readBody } from '@/lib/http/read-body';
import { errorResponse } from '@/lib/http/route-auth';
import { parseFeedOptions } from '@/app/api/v1/_lib/feed-options';
import { importJson, importLocation, noStore } from '@/app/api/v1/_lib/import-json';

/** How long `?wait=true` (the default) holds the request before answering 202 and leaving the rest to polling. */
const WAIT_CAP_MS = 10 * 60_000;

/**
 * The upload API: `POST /api/v1/applications/{slug}/feeds` with `Authorization: Bearer <token>` and
 * the feed as the raw body. See README § Upload API. The import is queued (the database is the queue)
 * and run by a worker of any instance; with `?wait=true` (the default) the answer comes when it has
 * finished, with `?wait=false` at once.
 *
 * 202 `{ import }` + `Location: /api/v1/imports/{id}` — queued or running (`?wait=false`, or the wait ran out)
 * 201 `{ import }` — imported (succeeded or partial), or staged with `?dryRun=true`
 * 200 `{ import }` — an Idempotency-Key seen before: the earlier import, nothing done again
 * 409 `{ error: { code: 'safeguard' }, import }` — held by the safeguard, nothing applied
 * 409 `{ error: { code: 'conflict' } }` — the Idempotency-Key was used for another request
 * 422 `{ error: { code: 'import_failed', row? }, import }` — recorded, could not be applied, nothing changed
 * 400 bad option (with field), empty body; 401; 403 token of another application; 404; 413; 415.
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return withToken(
    request,
    async (ctx) => {
      // Rights and the application first, so that a refused caller never gets to send 50 MB.
      const app = await getApplication(ctx, slug);
      if (!app) return errorResponse({ code: 'not_found', message: `There is no application "${slug}".` });
      const options = parseFeedOptions(new URL(request.url), request.headers);
      if (!options.ok) return errorResponse(options.error);
      const body = await readBody(request, { maxBytes: env().UPLOAD_MAX_BYTES, noun: 'feed' });
      if (!body.ok) return errorResponse(body.error);

      const { format, contentType, dryRun, wait, idempotencyKey } = options.value;
      const result = await enqueueImport(ctx, {
        applicationSlug: slug,
        content: body.value,
        format,
        contentType,
        trigger: 'api',
        mode: dryRun ? 'dry-run' : 'apply',
        idempotencyKey,
      });
      if (!result.ok) return errorResponse(result.error);
      const queued = result.value;
      const outcome = wait && isPending(queued.status) ? { ...(await waitForImport(ctx.db, queued.id, { timeoutMs: WAIT_CAP_MS, signal: request.signal })), replayed: queued.replayed } : queued;
      return outcomeResponse(ctx, outcome, dryRun);
    },
    { scope: { applicationSlug: slug } },
  );
}

async function outcomeResponse(ctx: DataContext, outcome: ImportOutcome, dryRun: boolean): Promise<Response> {
  const json = importJson({ ...outcome, dryRun });
  if (isPending(outcome.status)) {
    return Response.json({ import: json }, { status: 202, headers: { ...noStore, Location: importLocation(outcome.id) } });
  }
  if (outcome.status === 'held') {
    return errorWith({ code: 'safeguard', message: outcome.holdReason ?? 'The safeguard held this feed; nothing was applied.' }, 409, { import: json });
  }
  if (outcome.status === 'failed') return errorWith(await describeImportFailure(ctx, outcome), 422, { import: json });
  return Response.json({ import: json }, { status: outcome.replayed ? 200 : 201, headers: noStore });
}
