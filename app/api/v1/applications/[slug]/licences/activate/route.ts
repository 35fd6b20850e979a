import { activateFromApplication } from '@/lib/data/licences';
import { withToken } from '@/lib/http/api-auth';
import { readBody } from '@/lib/http/read-body';
import { errorResponse } from '@/lib/http/route-auth';

/** A licence request is a few bytes of JSON. */
const MAX_BODY_BYTES = 4096;

/**
 * `POST /api/v1/applications/{slug}/licences/activate` with the application's token and
 * `{ "identityId": "<uuid>" }` or `{ "username": "<username>" }`: the application says one of its
 * invited identities activated. First come, first served: `active` when a licence is free, else
 * `waiting` with its place in the queue. Asking again changes nothing and answers the same way.
 *
 * 200 `{ licence: { identityId, licenceState, position } }`; 400 bad JSON or body; 401; 403 token of
 * another application; 404 unknown application or username; 409 the identity is not assigned here.
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return withToken(
    request,
    async (ctx) => {
      const body = await readBody(request, { maxBytes: MAX_BODY_BYTES, noun: 'request' });
      if (!body.ok) return errorResponse(body.error);
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder().decode(body.value));
      } catch {
        return errorResponse({ code: 'invalid', message: 'The body must be JSON: { "identityId": "<uuid>" } or { "username": "<username>" }.', field: 'body' });
      }
      const result = await activateFromApplication(ctx, slug, json);
      if (!result.ok) return errorResponse(result.error);
      return Response.json({ licence: result.value }, { headers: { 'Cache-Control': 'no-store' } });
    },
    { scope: { applicationSlug: slug } },
  );
}
