import { getApplication } from '@/lib/data/applications';
import type { DataContext } from '@/lib/data/context';
import { listImportLogs, runImport, type ImportOutcome } from '@/lib/data/imports';
import { env } from '@/lib/env';
import { catchFailure } from '@/lib/errors';
import { errorWith, withToken } from '@/lib/http/api-auth';
import { readBody } from '@/lib/http/read-body';
import { errorResponse } from '@/lib/http/route-auth';
import { parseFeedOptions } from '@/app/api/v1/_lib/feed-options';
import { importJson, noStore, type ImportJson } from '@/app/api/v1/_lib/import-json';

/**
 * The upload API: `POST /api/v1/applications/{slug}/feeds` with `Authorization: Bearer <token>` and
 * the feed as the raw body. See README § Upload API.
 *
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

      const { format, contentType, dryRun, idempotencyKey } = options.value;
      // `wait` is accepted for scripts written against later releases: this one always answers when the import has finished.
      const result = await runImport(ctx, {
        applicationSlug: slug,
        content: body.value,
        format,
        contentType,
        trigger: 'api',
        mode: dryRun ? 'dry-run' : 'apply',
        idempotencyKey,
      });
      if (!result.ok) return errorResponse(result.error);
      return outcomeResponse(ctx, result.value, dryRun);
    },
    { scope: { applicationSlug: slug } },
  );
}

async function outcomeResponse(ctx: DataContext, outcome: ImportOutcome, dryRun: boolean): Promise<Response> {
  const json = importJson({ ...outcome, dryRun });
  if (outcome.status === 'held') {
    return errorWith({ code: 'safeguard', message: outcome.holdReason ?? 'The safeguard held this feed; nothing was applied.' }, 409, { import: json });
  }
  if (outcome.status === 'failed') return failedResponse(ctx, outcome, json);
  return Response.json({ import: json }, { status: outcome.replayed ? 200 : 201, headers: noStore });
}

/** A recorded import that failed: why, with the row and field of the first error when the log names them. */
async function failedResponse(ctx: DataContext, outcome: ImportOutcome, json: ImportJson): Promise<Response> {
  // The row is a courtesy: when the log cannot be read by this caller, the message alone still says why.
  const logs = await catchFailure(() => listImportLogs(ctx, outcome.id, { level: 'error', pageSize: 1 }));
  const first = logs.ok ? logs.value.lines[0] : undefined;
  const error = {
    code: 'import_failed',
    message: outcome.error ?? 'The import failed; nothing was applied.',
    ...(first?.row != null ? { row: first.row } : {}),
    ...(first?.field ? { field: first.field } : {}),
  };
  return errorWith(error, 422, { import: json });
}
