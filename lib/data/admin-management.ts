import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { run } from '@/db/sql';
import { hashPassword } from '@/lib/auth/password';
import { AppFailure, catchFailure, parseOrThrow, type Result } from '@/lib/errors';
import { authorize, type Authorized, type Role } from './actor';
import { createAdmin, MIN_PASSWORD_LENGTH } from './admins';
import { writeAudit } from './audit';
import type { DataContext } from './context';

/**
 * Who may sign in, and with what role (PRODUCT.md 5): admins add people as admin or viewer, change
 * their role, set their password and remove them. Everyone signed in can see the list. Two rules keep
 * the console governable: nobody changes their own role or removes themselves (another admin must),
 * and the last admin stays an admin.
 */

export type AdminListItem = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** How they sign in: a password, or single sign-on only. */
  signIn: 'password' | 'sso';
  createdAt: Date;
  /** The admin asking. */
  isYou: boolean;
};

const roleSchema = z.enum(['admin', 'viewer'], 'Choose admin or viewer.');
const adminIdSchema = z.uuid('Unknown admin.');
const passwordSchema = z
  .string()
  .max(200, 'At most 200 characters.')
  .refine((v) => v.length >= MIN_PASSWORD_LENGTH, `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);

export const addAdminSchema = z.object({
  email: z.string().trim().max(320, 'At most 320 characters.'),
  name: z.string().trim().max(200, 'At most 200 characters.'),
  role: roleSchema,
  /** Empty: single sign-on only (when it is set up). */
  password: z.string().max(200, 'At most 200 characters.'),
});
export const changeRoleSchema = z.object({ adminId: adminIdSchema, role: roleSchema });
export const setPasswordSchema = z.object({ adminId: adminIdSchema, password: passwordSchema });
export const removeAdminSchema = z.object({ adminId: adminIdSchema });

export async function listAdmins(ctx: DataContext): Promise<AdminListItem[]> {
  const who = await authorize(ctx.db, ctx.actor, 'viewer');
  const { rows } = await run<Omit<AdminListItem, 'isYou'>>(
    ctx.db,
    sql`select id, email, name, role, (case when password_hash is null then 'sso' else 'password' end) as "signIn", created_at as "createdAt"
        from admins order by lower(name) collate "C", lower(email) collate "C"`,
  );
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt), isYou: row.id === who.adminId }));
}

/** The admin acted on, locked for the change; never the one asking (`what` says what they cannot do to themselves). */
async function otherAdmin(tx: Executor, who: Authorized, adminId: string, what: string): Promise<{ id: string; email: string; name: string; role: Role }> {
  if (adminId === who.adminId) throw new AppFailure({ code: 'invalid', message: `You cannot ${what} yourself: ask another admin.` });
  const { rows } = await run<{ id: string; email: string; name: string; role: Role }>(
    tx,
    sql`select id, email, name, role from admins where id = ${adminId} for update`,
  );
  if (!rows[0]) throw new AppFailure({ code: 'not_found', message: 'That admin no longer exists.' });
  return rows[0];
}

/** Throws unless another admin than `adminId` keeps the admin role (every admin row locked first, so two changes at once cannot both pass). */
async function assertAnotherAdminRemains(tx: Executor, adminId: string): Promise<void> {
  const { rows } = await run<{ id: string }>(tx, sql`select id from admins where role = 'admin' order by id for update`);
  if (!rows.some((row) => row.id !== adminId)) {
    throw new AppFailure({ code: 'invalid', message: 'Concord needs at least one admin: make someone else an admin first.' });
  }
}

/**
 * Adds someone who may sign in. With a password they sign in with it; without one, only through
 * single sign-on, which must then be set up (OIDC_*), or they could never sign in.
 */
export async function addAdmin(ctx: DataContext, input: z.input<typeof addAdminSchema>, { ssoEnabled }: { ssoEnabled: boolean }): Promise<Result<{ id: string }>> {
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const v = parseOrThrow(addAdminSchema, input);
      if (v.password === '' && !ssoEnabled) throw new AppFailure({ code: 'invalid', message: 'Give a password: single sign-on is not set up.', field: 'password' });
      const id = await createAdmin(tx, { ...v, password: v.password === '' ? null : v.password });
      await writeAudit(tx, {
        actor: who.label,
        action: 'admin.add',
        subjectType: 'admin',
        subjectId: id,
        summary: `Added ${v.name} (${v.email}) as ${v.role}${v.password === '' ? ', signing in with single sign-on' : ''}`,
        after: { email: v.email, name: v.name, role: v.role, signIn: v.password === '' ? 'sso' : 'password' },
      });
      return { id };
    }),
  );
}

export async function changeAdminRole(ctx: DataContext, input: z.input<typeof changeRoleSchema>): Promise<Result<{ role: Role }>> {
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const v = parseOrThrow(changeRoleSchema, input);
      const admin = await otherAdmin(tx, who, v.adminId, 'change the role of');
      if (admin.role === v.role) return { role: v.role };
      if (v.role === 'viewer') await assertAnotherAdminRemains(tx, admin.id);
      await run(tx, sql`update admins set role = ${v.role} where id = ${admin.id}`);
      await writeAudit(tx, {
        actor: who.label,
        action: 'admin.role',
        subjectType: 'admin',
        subjectId: admin.id,
        summary: `Made ${admin.name} (${admin.email}) ${v.role === 'admin' ? 'an admin' : 'a viewer'}`,
        before: { role: admin.role },
        after: { role: v.role },
      });
      return { role: v.role };
    }),
  );
}

/** Sets anyone's password, one's own included (the old one is not needed: an admin may reset any). */
export async function setAdminPassword(ctx: DataContext, input: z.input<typeof setPasswordSchema>): Promise<Result<null>> {
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const v = parseOrThrow(setPasswordSchema, input);
      const passwordHash = await hashPassword(v.password);
      const { rows } = await run<{ email: string; name: string; had: boolean }>(
        tx,
        sql`update admins a set password_hash = ${passwordHash} from admins prior
            where a.id = ${v.adminId} and prior.id = a.id
            returning a.email, a.name, prior.password_hash is not null as had`,
      );
      const admin = rows[0];
      if (!admin) throw new AppFailure({ code: 'not_found', message: 'That admin no longer exists.' });
      await writeAudit(tx, {
        actor: who.label,
        action: 'admin.password',
        subjectType: 'admin',
        subjectId: v.adminId,
        summary: `${admin.had ? 'Changed the password of' : 'Gave a password to'} ${admin.name} (${admin.email})`,
      });
      return null;
    }),
  );
}

/** Removes someone: they cannot sign in any more, and their open sessions stop working at their next request. */
export async function removeAdmin(ctx: DataContext, input: z.input<typeof removeAdminSchema>): Promise<Result<null>> {
  return catchFailure(() =>
    ctx.db.transaction(async (tx) => {
      const who = await authorize(tx, ctx.actor, 'admin');
      const v = parseOrThrow(removeAdminSchema, input);
      const admin = await otherAdmin(tx, who, v.adminId, 'remove');
      if (admin.role === 'admin') await assertAnotherAdminRemains(tx, admin.id);
      await run(tx, sql`delete from admins where id = ${admin.id}`);
      await writeAudit(tx, {
        actor: who.label,
        action: 'admin.remove',
        subjectType: 'admin',
        subjectId: admin.id,
        summary: `Removed ${admin.name} (${admin.email}), ${admin.role}`,
        before: { email: admin.email, name: admin.name, role: admin.role },
      });
      return null;
    }),
  );
}

/** An admin's id by e-mail (any case), for the command line. */
export async function findAdminId(db: Executor, email: string): Promise<string | null> {
  const { rows } = await run<{ id: string }>(db, sql`select id from admins where lower(email) = lower(${email.trim()})`);
  return rows[0]?.id ?? null;
}
