import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { hashPassword, verifyDummyPassword, verifyPassword } from '@/lib/auth/password';
import { env } from '@/lib/env';
import { AppFailure, fail, ok, type Result } from '@/lib/errors';
import { authorize, type Role } from './actor';
import type { DataContext } from './context';

export type AdminProfile = { id: string; email: string; name: string; role: Role };
export type SignedInAdmin = { id: string; email: string; name: string };

export const MIN_PASSWORD_LENGTH = 8;
const WRONG_CREDENTIALS = 'Wrong e-mail or password.';

/**
 * Creates an admin with a password, or without one (`null`: single sign-on only). Takes no actor:
 * the seed, scripts and tests call it directly, the Admins page after checking the caller
 * (admin-management.ts). E-mails are unique regardless of case. Returns the new admin's id.
 */
export async function createAdmin(
  db: Executor,
  input: { email: string; name: string; password: string | null; role: Role },
): Promise<string> {
  const email = input.email.trim();
  const name = input.name.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new AppFailure({ code: 'invalid', message: `"${input.email}" is not an e-mail address.`, field: 'email' });
  }
  if (name === '') throw new AppFailure({ code: 'invalid', message: 'An admin needs a name.', field: 'name' });
  if (input.password !== null && input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppFailure({
      code: 'invalid',
      message: `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
      field: 'password',
    });
  }
  const passwordHash = input.password === null ? null : await hashPassword(input.password);
  const { rows } = await run<{ id: string }>(
    db,
    sql`insert into admins (email, name, password_hash, role)
        values (${email}, ${name}, ${passwordHash}, ${input.role})
        on conflict do nothing
        returning id`,
  );
  if (!rows[0]) {
    throw new AppFailure({ code: 'conflict', message: `An admin with the e-mail ${email} already exists.`, field: 'email' });
  }
  return rows[0].id;
}

/**
 * Checks an e-mail and password. Failed attempts are counted in the database per e-mail and per
 * client address, so every app instance shares the limit. Once a key has SIGN_IN_MAX_FAILURES
 * failures inside SIGN_IN_WINDOW_SECONDS, further attempts are refused without checking the
 * password until the oldest failure leaves the window. Unknown e-mails cost the same time as known
 * ones and count the same way, so neither timing nor the limit reveals which e-mails exist.
 */
export async function verifyCredentials(
  db: Executor,
  input: { email: string; password: string; ip: string | null },
): Promise<Result<SignedInAdmin>> {
  const email = input.email.trim();
  const keys = attemptKeys(email, input.ip);
  const { SIGN_IN_MAX_FAILURES: maxFailures, SIGN_IN_WINDOW_SECONDS: windowSeconds } = env();

  const locked = await lockedFor(db, keys, maxFailures, windowSeconds);
  if (locked !== null) {
    const minutes = Math.max(1, Math.ceil(locked / 60));
    return fail('rate_limited', `Too many attempts, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`);
  }

  const { rows } = await run<{ id: string; email: string; name: string; password_hash: string | null }>(
    db,
    sql`select id, email, name, password_hash from admins where lower(email) = lower(${email})`,
  );
  const admin = rows[0];
  const matches = admin?.password_hash
    ? await verifyPassword(input.password, admin.password_hash)
    : await verifyDummyPassword(input.password);

  if (!admin || !matches) {
    await recordFailure(db, keys, windowSeconds);
    return fail('unauthenticated', WRONG_CREDENTIALS);
  }
  await run(db, sql`delete from sign_in_attempts where key = ${keys[0]}`);
  return ok({ id: admin.id, email: admin.email, name: admin.name });
}

function attemptKeys(email: string, ip: string | null): string[] {
  const keys = [`email:${email.toLowerCase()}`];
  if (ip) keys.push(`ip:${ip}`);
  return keys;
}

/** Seconds until the first locked key frees up, or null when no key is locked. */
async function lockedFor(db: Executor, keys: string[], maxFailures: number, windowSeconds: number): Promise<number | null> {
  const { rows } = await run<{ failures: number; wait_seconds: number }>(
    db,
    sql`select sum(failures)::int as failures,
               ceil(extract(epoch from min(attempted_at) + ${windowSeconds}::int * interval '1 second' - now()))::int as wait_seconds
        from sign_in_attempts
        where key in (${sql.join(keys, sql`, `)})
          and attempted_at > now() - ${windowSeconds}::int * interval '1 second'
        group by key`,
  );
  const waits = rows.filter((r) => Number(r.failures) >= maxFailures).map((r) => Number(r.wait_seconds));
  return waits.length ? Math.max(...waits) : null;
}

async function recordFailure(db: Executor, keys: string[], windowSeconds: number): Promise<void> {
  const values = sql.join(
    keys.map((key) => sql`(${key})`),
    sql`, `,
  );
  await run(db, sql`insert into sign_in_attempts (key) values ${values}`);
  // Forget failures that have left the window, so the table stays as small as the window.
  await run(
    db,
    sql`delete from sign_in_attempts
        where key in (${sql.join(keys, sql`, `)})
          and attempted_at <= now() - ${windowSeconds}::int * interval '1 second'`,
  );
}

/** The signed-in admin's profile, with the role read from the database on every call. */
export async function getAdminProfile(ctx: DataContext): Promise<AdminProfile> {
  const { adminId } = await authorize(ctx.db, ctx.actor, 'viewer');
  if (!adminId) {
    throw new AppFailure({ code: 'forbidden', message: 'Only a signed-in admin has a profile.' });
  }
  const { rows } = await run<AdminProfile>(ctx.db, sql`select id, email, name, role from admins where id = ${adminId}`);
  if (!rows[0]) throw new AppFailure({ code: 'unauthenticated', message: 'Your session is no longer valid. Sign in again.' });
  return rows[0];
}

/**
 * The admin behind an OpenID Connect sign-in: the existing admin with that e-mail (any case), or a
 * new one without a password and with OIDC_DEFAULT_ROLE. Callers must only pass e-mails the
 * identity provider has verified.
 */
export async function findOrCreateSsoAdmin(db: Executor, input: { email: string; name: string | null }): Promise<AdminProfile> {
  const email = input.email.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new AppFailure({ code: 'invalid', message: 'The identity provider did not give an e-mail address.', field: 'email' });
  }
  const name = input.name?.trim() || email.split('@')[0]!;
  // Two first sign-ins at once: the unique index on lower(email) lets one insert win, both then read it.
  await run(
    db,
    sql`insert into admins (email, name, role)
        select ${email}, ${name}, ${env().OIDC_DEFAULT_ROLE}
        where not exists (select 1 from admins where lower(email) = lower(${email}))
        on conflict do nothing`,
  );
  const { rows } = await run<AdminProfile>(db, sql`select id, email, name, role from admins where lower(email) = lower(${email})`);
  if (!rows[0]) throw new Error(`The SSO admin ${email} was neither found nor created.`);
  return rows[0];
}
