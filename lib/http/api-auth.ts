import 'server-only';
import type { Actor, Role } from '@/lib/data/actor';
import { dataContext, type DataContext } from '@/lib/data/context';
import { authenticateBearer, MAX_TOKEN_LENGTH, type TokenScope } from '@/lib/data/tokens';
import { AppFailure, type AppError } from '@/lib/errors';
import { errorResponse, withAdmin } from './route-auth';

export type BearerParse = { kind: 'none' } | { kind: 'malformed' } | { kind: 'token'; token: string };

/**
 * Reads `Authorization: Bearer <token>` (RFC 6750: the scheme in any case, one or more spaces, a
 * token68). No header → none; any other scheme, an empty or overlong token, or a token with spaces
 * or odd characters → malformed.
 */
export function parseBearer(header: string | null): BearerParse {
  if (header === null || header.trim() === '') return { kind: 'none' };
  const match = /^\s*Bearer +([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  if (!match || match[1]!.length > MAX_TOKEN_LENGTH) return { kind: 'malformed' };
  return { kind: 'token', token: match[1]! };
}

/** 401 with the challenge a client needs (`WWW-Authenticate: Bearer`, RFC 6750 §3). */
export function unauthenticatedResponse(message: string, bearerError?: 'invalid_request' | 'invalid_token'): Response {
  return withChallenge(errorResponse({ code: 'unauthenticated', message }), bearerError);
}

/** Adds the Bearer challenge to a 401 (also one of the session fallback: a script without a token learns what to send). */
function withChallenge(response: Response, bearerError?: 'invalid_request' | 'invalid_token'): Response {
  if (response.status !== 401 || response.headers.has('WWW-Authenticate')) return response;
  const headers = new Headers(response.headers);
  headers.set('WWW-Authenticate', bearerError ? `Bearer realm="concord", error="${bearerError}"` : 'Bearer realm="concord"');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export type ApiAuthOptions = {
  /** What the request is about, so that a secret registered for several applications picks the right one. */
  scope?: TokenScope;
  /** Without an Authorization header, accept a signed-in browser session with this role (GET endpoints); else 401. */
  session?: Role;
};

export type ApiAuthDeps = {
  authenticate: (bearer: string, scope: TokenScope) => Promise<Extract<Actor, { kind: 'token' }> | null>;
  dataContext: (actor: Actor) => Promise<DataContext>;
  withSession: (request: Request, need: Role, handler: (ctx: DataContext) => Promise<Response>) => Promise<Response>;
};

/**
 * For the upload API: authenticates the caller by its upload token and runs the handler with a
 * data context whose actor is that token. The token's rights are checked by the data layer (a token
 * of another application → forbidden → 403). Missing, malformed, unknown or revoked token → 401
 * JSON with `WWW-Authenticate: Bearer`. An AppFailure thrown by the handler → its status; bugs throw.
 */
export function createApiAuth(deps: ApiAuthDeps) {
  return async function withToken(
    request: Request,
    handler: (ctx: DataContext) => Promise<Response>,
    options: ApiAuthOptions = {},
  ): Promise<Response> {
    const parsed = parseBearer(request.headers.get('authorization'));
    if (parsed.kind === 'none') {
      if (options.session) return withChallenge(await deps.withSession(request, options.session, handler));
      return unauthenticatedResponse('Send an upload token: "Authorization: Bearer <token>". Admins create tokens in the application\'s settings.');
    }
    if (parsed.kind === 'malformed') {
      return unauthenticatedResponse('The Authorization header must be "Bearer <token>".', 'invalid_request');
    }
    const actor = await deps.authenticate(parsed.token, options.scope ?? {});
    if (!actor) return unauthenticatedResponse('This token is unknown or was revoked.', 'invalid_token');
    try {
      return await handler(await deps.dataContext(actor));
    } catch (error) {
      if (error instanceof AppFailure) return errorResponse(error.error);
      throw error;
    }
  };
}

export const withToken = createApiAuth({ authenticate: authenticateBearer, dataContext, withSession: withAdmin });

/** A JSON error answer with extra members next to `error` (e.g. the import a refusal is about). */
export function errorWith(error: AppError | { code: string; message: string; row?: number; field?: string }, status: number, extra: object = {}): Response {
  return Response.json({ error, ...extra }, { status, headers: { 'Cache-Control': 'no-store' } });
}
