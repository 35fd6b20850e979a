import 'server-only';
import type { z } from 'zod';
import { getActor } from '@/lib/auth/session';
import { authorize, type Actor } from '@/lib/data/actor';
import { dataContext, type DataContext } from '@/lib/data/context';
import { AppFailure, fail, type Result } from '@/lib/errors';

export type ActionHandler<S extends z.ZodType, T> = (input: z.infer<S>, ctx: DataContext) => Promise<Result<T>>;
export type SafeAction<T> = (input: unknown) => Promise<Result<T>>;

export type ActionClientDeps = {
  getActor: () => Promise<Actor | null>;
  dataContext: (actor: Actor) => Promise<DataContext>;
};

/**
 * Every `'use server'` export is a public POST endpoint that anyone can call with anything. This is
 * the one wrapper they all go through: it finds the signed-in admin (none → `unauthenticated`),
 * checks the input at run time (invalid → `invalid`, naming the field), builds the data context,
 * runs the handler and turns a thrown AppFailure into its Result. Bugs still throw, to the error
 * boundary. The role is not checked here from the session: the data layer's `authorize` reads it
 * from the database; `adminAction` also does so up front, so a viewer is refused before any work.
 */
export function createActionClient(deps: ActionClientDeps) {
  const build =
    (need: 'admin' | null) =>
    <S extends z.ZodType, T>(schema: S, handler: ActionHandler<S, T>): SafeAction<T> =>
    async (input: unknown): Promise<Result<T>> => {
      const actor = await deps.getActor();
      if (!actor) return fail('unauthenticated', 'You are signed out. Sign in again to continue.');
      try {
        const ctx = await deps.dataContext(actor);
        if (need) await authorize(ctx.db, ctx.actor, need);
        const parsed = schema.safeParse(input);
        if (!parsed.success) return invalidInput(parsed.error);
        return await handler(parsed.data, ctx);
      } catch (error) {
        if (error instanceof AppFailure) return { ok: false, error: error.error };
        throw error;
      }
    };
  return {
    /** For actions open to every signed-in admin (the data layer still checks the role it needs). */
    action: build(null),
    /** For actions that change something: refused up front unless the admin's role is `admin`. */
    adminAction: build('admin'),
  };
}

function invalidInput(error: z.ZodError): ReturnType<typeof fail> {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  const message = issue?.message ?? 'The input is not valid.';
  return fail('invalid', field ? `${field}: ${message}` : message, field ? { field } : {});
}

export const { action, adminAction } = createActionClient({ getActor, dataContext });
