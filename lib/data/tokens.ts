import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Executor } from '@/db/client';
import { run } from '@/db/sql';
import { AppFailure, catchFailure, fail, type Result } from '@/lib/errors';
import { authorize, type Actor } from './actor';
import { writeAudit } from './audit';
import type { DataContext } from './context';

/**
 * Upload tokens: per application, for scripts and cron jobs. A token is shown once, when it is
 * created; only its SHA-256 (hex) is stored, with its first characters (`prefix`) so admins can tell
 * tokens apart. A token registered for several applications (the demo token) has one row per
 * application, and the application a request is about picks the row.
 */

export const TOKEN_PREFIX = 'cnc_';
/** Shown in the list: `cnc_` and four characters of the secret part, enough to tell tokens apart. */
export const PREFIX_LENGTH = 8;
/** `last_used_at` is written at most once a minute per token, so a busy script does not write on every call. */
const LAST_USED_RESOLUTION = sql`interval '1 minute'`;

export const tokenNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the token a name, e.g. "HR nightly upload".')
  .max(100, 'The name can have at most 100 characters.');

/** What a bearer token may look like on the wire (RFC 6750 token68), for tokens that were not generated here (the demo token). */
export const bearerTokenPattern = /^[A-Za-z0-9\-._~+/]+=*$/;
export const MAX_TOKEN_LENGTH = 512;

export type TokenSummary = {
  id: string;
  name: string;
  prefix: string;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export type TokenActor = Extract<Actor, { kind: 'token' }>;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new secret: `cnc_` + 32 random bytes in base64url (43 characters). */
export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Creates a token for one application and answers it once; it cannot be read back later. Admins only, audited. */
export async function createToken(
  ctx: DataContext,
  applicationSlug: string,
  input: { name: string },
): Promise<Result<{ id: string; token: string; prefix: string }>> {
  const parsed = tokenNameSchema.safeParse(input.name);
  if (!parsed.success) return fail('invalid', parsed.error.issues[0]!.message, { field: 'name' });
  const name = parsed.data;
  const token = generateToken();
  const prefix = token.slice(0, PREFIX_LENGTH);
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const app = await applicationBySlug(tx, applicationSlug);
      const taken = await run(tx, sql`select 1 from api_tokens where application_id = ${app.id} and name = ${name} and revoked_at is null`);
      if (taken.rows.length > 0) {
        throw new AppFailure({ code: 'conflict', message: `${app.name} already has a token named "${name}". Choose another name.`, field: 'name' });
      }
      const inserted = await run<{ id: string }>(
        tx,
        sql`insert into api_tokens (application_id, name, token_hash, prefix, created_by)
            values (${app.id}, ${name}, ${hashToken(token)}, ${prefix}, ${who.label}) returning id`,
      );
      const id = inserted.rows[0]!.id;
      await writeAudit(tx, {
        actor: who.label,
        action: 'token.create',
        applicationId: app.id,
        subjectType: 'token',
        subjectId: id,
        summary: `Created the upload token "${name}" (${prefix}…) for ${app.name}`,
        after: { name, prefix },
      });
      return { id, token, prefix };
    }),
  );
}

/** The tokens of one application, newest first, revoked ones included. Viewers may read the list. */
export async function listTokens(ctx: DataContext, applicationSlug: string): Promise<TokenSummary[]> {
  await authorize(ctx.db, ctx.actor, 'viewer');
  const app = await applicationBySlug(ctx.db, applicationSlug);
  const { rows } = await run<TokenSummary>(
    ctx.db,
    sql`select id, name, prefix, created_by as "createdBy", created_at as "createdAt", last_used_at as "lastUsedAt", revoked_at as "revokedAt"
        from api_tokens where application_id = ${app.id}
        order by (revoked_at is null) desc, created_at desc, id`,
  );
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt), lastUsedAt: date(r.lastUsedAt), revokedAt: date(r.revokedAt) }));
}

/** Revokes a token for good: requests carrying it are refused from now on. Admins only, audited. */
export async function revokeToken(ctx: DataContext, tokenId: string): Promise<Result<{ id: string }>> {
  if (!z.uuid().safeParse(tokenId).success) return fail('not_found', 'There is no such token.');
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const found = await run<{ name: string; prefix: string; applicationId: string; appName: string; revokedAt: Date | null }>(
        tx,
        sql`select t.name, t.prefix, t.application_id as "applicationId", a.name as "appName", t.revoked_at as "revokedAt"
            from api_tokens t join applications a on a.id = t.application_id where t.id = ${tokenId} for update of t`,
      );
      const token = found.rows[0];
      if (!token) throw new AppFailure({ code: 'not_found', message: 'There is no such token; it may have been deleted with its application.' });
      if (token.revokedAt !== null) throw new AppFailure({ code: 'conflict', message: `The token "${token.name}" was already revoked.` });
      await run(tx, sql`update api_tokens set revoked_at = now() where id = ${tokenId}`);
      await writeAudit(tx, {
        actor: who.label,
        action: 'token.revoke',
        applicationId: token.applicationId,
        subjectType: 'token',
        subjectId: tokenId,
        summary: `Revoked the upload token "${token.name}" (${token.prefix}…) of ${token.appName}`,
        before: { name: token.name, prefix: token.prefix, revoked: false },
        after: { name: token.name, prefix: token.prefix, revoked: true },
      });
      return { id: tokenId };
    }),
  );
}

/** What a request is about, so that a secret registered for several applications (the demo token) picks the right one. */
export type TokenScope = { applicationSlug?: string; importId?: string };

/**
 * The actor of a bearer token, or null when the token is unknown or revoked. The scope picks the
 * row of the application the request is about when one secret is registered for several (the demo
 * token); without one, or when the token is not registered for that application, the token's own
 * row answers, and the data layer then refuses the other application (403). Records the last use,
 * at most once a minute per token.
 */
export async function authenticateToken(db: Executor, bearer: string, scope: TokenScope = {}): Promise<TokenActor | null> {
  if (bearer.length === 0 || bearer.length > MAX_TOKEN_LENGTH) return null;
  const hash = hashToken(bearer);
  const applicationId = await scopeApplicationId(db, scope);
  const { rows } = await run<{ id: string; applicationId: string; name: string }>(
    db,
    sql`select id, application_id as "applicationId", name from api_tokens
        where token_hash = ${hash} and revoked_at is null
        order by (application_id = ${applicationId}) desc nulls last, created_at limit 1`,
  );
  const row = rows[0];
  if (!row) return null;
  await run(
    db,
    sql`update api_tokens set last_used_at = now()
        where id = ${row.id} and (last_used_at is null or last_used_at < now() - ${LAST_USED_RESOLUTION})`,
  );
  return { kind: 'token', tokenId: row.id, applicationId: row.applicationId, name: row.name };
}

/** `authenticateToken` on the server's database, for route handlers (which never open the database themselves). */
export async function authenticateBearer(bearer: string, scope: TokenScope = {}): Promise<TokenActor | null> {
  return authenticateToken(await getDb(), bearer, scope);
}

async function scopeApplicationId(db: Executor, scope: TokenScope): Promise<string | null> {
  if (scope.applicationSlug) {
    const { rows } = await run<{ id: string }>(db, sql`select id from applications where slug = ${scope.applicationSlug}`);
    return rows[0]?.id ?? null;
  }
  if (scope.importId && z.uuid().safeParse(scope.importId).success) {
    const { rows } = await run<{ id: string }>(db, sql`select application_id as id from imports where id = ${scope.importId}`);
    return rows[0]?.id ?? null;
  }
  return null;
}

/**
 * For the demo: registers a secret chosen by whoever starts it (`CONCORD_DEMO_TOKEN`) as a token of
 * each of the given applications. Idempotent: an application that already has it is left alone,
 * including when an admin revoked it since. Unknown slugs are skipped. Returns the slugs newly registered.
 */
export async function registerDemoToken(db: Executor, token: string, applicationSlugs: readonly string[]): Promise<string[]> {
  if (token.length < 16 || token.length > MAX_TOKEN_LENGTH || !bearerTokenPattern.test(token)) {
    throw new Error(
      `CONCORD_DEMO_TOKEN must be 16 to ${MAX_TOKEN_LENGTH} characters of letters, digits and - . _ ~ + / (e.g. the output of: openssl rand -hex 32).`,
    );
  }
  const hash = hashToken(token);
  const registered: string[] = [];
  if (applicationSlugs.length === 0) return registered;
  await db.transaction(async (tx) => {
    const apps = await run<{ id: string; slug: string; name: string }>(
      tx,
      sql`select id, slug, name from applications where slug in (${sql.join(applicationSlugs.map((s) => sql`${s}`), sql`, `)}) order by slug`,
    );
    for (const app of apps.rows) {
      const existing = await run(tx, sql`select 1 from api_tokens where token_hash = ${hash} and application_id = ${app.id}`);
      if (existing.rows.length > 0) continue;
      const inserted = await run<{ id: string }>(
        tx,
        sql`insert into api_tokens (application_id, name, token_hash, prefix, created_by)
            values (${app.id}, 'Demo token', ${hash}, ${token.slice(0, PREFIX_LENGTH)}, 'system:demo-seed') returning id`,
      );
      await writeAudit(tx, {
        actor: 'system:demo-seed',
        action: 'token.create',
        applicationId: app.id,
        subjectType: 'token',
        subjectId: inserted.rows[0]!.id,
        summary: `Registered CONCORD_DEMO_TOKEN as the upload token "Demo token" for ${app.name}`,
        after: { name: 'Demo token', prefix: token.slice(0, PREFIX_LENGTH) },
      });
      registered.push(app.slug);
    }
  });
  return registered;
}

async function applicationBySlug(db: Executor, slug: string): Promise<{ id: string; name: string }> {
  const { rows } = await run<{ id: string; name: string }>(db, sql`select id, name from applications where slug = ${slug}`);
  if (!rows[0]) throw new AppFailure({ code: 'not_found', message: `There is no application "${slug}".` });
  return rows[0];
}
