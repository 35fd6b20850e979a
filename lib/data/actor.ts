import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { AppFailure } from '@/lib/errors';

export type Role = 'admin' | 'viewer';

/**
 * Who is calling the data layer. An admin's role is never trusted from the session: every
 * data-layer call re-reads it from the database through `authorize`.
 */
export type Actor =
  | { kind: 'admin'; adminId: string; email: string }
  /** An application's upload token: may only import feeds into that application. */
  | { kind: 'token'; tokenId: string; applicationId: string; name: string }
  /** The server itself: scheduled pulls, the demo seed, the job worker. */
  | { kind: 'system'; name: string };

export type Authorized = { label: string; role: Role; adminId: string | null };

/**
 * Checks, against the database, that the actor may do something that needs `need`.
 * Throws AppFailure('forbidden'|'unauthenticated'); returns the label written to audit entries.
 */
export async function authorize(db: Executor, actor: Actor, need: Role): Promise<Authorized> {
  if (actor.kind === 'system') return { label: `system:${actor.name}`, role: 'admin', adminId: null };
  if (actor.kind === 'token') {
    throw new AppFailure({ code: 'forbidden', message: 'An upload token can only import feeds into its own application.' });
  }
  const { rows } = await run<{ role: Role; email: string }>(db, sql`select role, email from admins where id = ${actor.adminId}`);
  const admin = rows[0];
  if (!admin) throw new AppFailure({ code: 'unauthenticated', message: 'Your session is no longer valid. Sign in again.' });
  if (need === 'admin' && admin.role !== 'admin') {
    throw new AppFailure({ code: 'forbidden', message: 'Your role is viewer: you can look at everything but change nothing.' });
  }
  return { label: admin.email, role: admin.role, adminId: actor.adminId };
}

/**
 * Like `authorize`, for work on one application: an upload token passes only for its own
 * application, and only for imports (`need` = 'import').
 */
export async function authorizeForApplication(
  db: Executor,
  actor: Actor,
  applicationId: string,
  need: Role | 'import',
): Promise<Authorized> {
  if (actor.kind === 'token') {
    if (need !== 'import' && need !== 'viewer') return authorize(db, actor, 'admin');
    const { rows } = await run<{ id: string }>(
      db,
      sql`select id from api_tokens where id = ${actor.tokenId} and application_id = ${applicationId} and revoked_at is null`,
    );
    if (actor.applicationId !== applicationId || !rows[0]) {
      throw new AppFailure({ code: 'forbidden', message: 'This token does not belong to this application, or it was revoked.' });
    }
    return { label: `token:${actor.name}`, role: 'viewer', adminId: null };
  }
  return authorize(db, actor, need === 'import' ? 'admin' : need);
}
