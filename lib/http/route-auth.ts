import 'server-only';
import { getActor } from '@/lib/auth/session';
import { authorize, type Actor, type Role } from '@/lib/data/actor';
import { dataContext, type DataContext } from '@/lib/data/context';
import { AppFailure, httpStatus, type AppError } from '@/lib/errors';

/** The JSON body of every failed API answer: `{ "error": { "code", "message" } }`, with the status from the code. */
export function errorResponse(error: AppError): Response {
  const body = { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
  return Response.json({ error: body }, { status: httpStatus(error), headers: { 'Cache-Control': 'no-store' } });
}

export type RouteAuthDeps = {
  getActor: () => Promise<Actor | null>;
  dataContext: (actor: Actor) => Promise<DataContext>;
};

/**
 * For route handlers used from the signed-in browser: reads the session, checks the admin's role
 * against the database (`need`), then runs the handler with the data context. Signed out → 401,
 * role too low or account deleted → 403/401, an AppFailure thrown by the handler → its status;
 * all as JSON. Bugs still throw.
 */
export function createRouteAuth(deps: RouteAuthDeps) {
  return async function withAdmin(
    _request: Request,
    need: Role,
    handler: (ctx: DataContext) => Promise<Response>,
  ): Promise<Response> {
    const actor = await deps.getActor();
    if (!actor) return errorResponse({ code: 'unauthenticated', message: 'Sign in to use this endpoint.' });
    try {
      const ctx = await deps.dataContext(actor);
      await authorize(ctx.db, ctx.actor, need);
      return await handler(ctx);
    } catch (error) {
      if (error instanceof AppFailure) return errorResponse(error.error);
      throw error;
    }
  };
}

export const withAdmin = createRouteAuth({ getActor, dataContext });
