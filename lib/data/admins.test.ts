import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { openTestDatabase, testDrivers, type TestDatabase } from '@/db/testing';
import { env } from '@/lib/env';
import { AppFailure, catchFailure } from '@/lib/errors';
import { authorize, type Actor } from './actor';
import { createAdmin, findOrCreateSsoAdmin, getAdminProfile, verifyCredentials } from './admins';

const unique = (label: string) => `${label}-${randomBytes(4).toString('hex')}@example.com`;
const uniqueIp = () => `10.${[1, 2, 3].map(() => randomBytes(1)[0]).join('.')}`;
const PASSWORD = 'a long enough password';

describe.each(testDrivers)('admins on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(async () => {
    await t?.close();
  });

  const newAdmin = async (label: string, role: 'admin' | 'viewer' = 'admin') => {
    const email = unique(label);
    const id = await createAdmin(t.db, { email, name: `Admin ${label}`, password: PASSWORD, role });
    return { id, email };
  };
  const actorOf = (a: { id: string; email: string }): Actor => ({ kind: 'admin', adminId: a.id, email: a.email });

  describe('createAdmin', () => {
    it('refuses a second admin with the same e-mail in another case', async () => {
      const { email } = await newAdmin('dup');
      const again = await catchFailure(() =>
        createAdmin(t.db, { email: email.toUpperCase(), name: 'Twin', password: PASSWORD, role: 'viewer' }),
      );
      expect(again).toMatchObject({ ok: false, error: { code: 'conflict', field: 'email' } });
    });

    it.each([
      ['a short password', { password: 'short' }, 'password'],
      ['a malformed e-mail', { email: 'not-an-email' }, 'email'],
      ['an empty name', { name: '  ' }, 'name'],
    ])('refuses %s', async (_label, override, field) => {
      const input = { email: unique('bad'), name: 'Bad', password: PASSWORD, role: 'viewer' as const, ...override };
      expect(await catchFailure(() => createAdmin(t.db, input))).toMatchObject({ ok: false, error: { code: 'invalid', field } });
    });
  });

  describe('verifyCredentials', () => {
    it('signs in with the right password and stores no plain password', async () => {
      const { id, email } = await newAdmin('ok');
      const result = await verifyCredentials(t.db, { email, password: PASSWORD, ip: uniqueIp() });
      expect(result).toEqual({ ok: true, value: { id, email, name: 'Admin ok' } });
      const { rows } = await run<{ password_hash: string }>(t.db, sql`select password_hash from admins where id = ${id}`);
      expect(rows[0]!.password_hash).toMatch(/^scrypt\$/);
    });

    it('finds the admin whatever the case and spacing of the e-mail', async () => {
      const { id, email } = await newAdmin('Case');
      const result = await verifyCredentials(t.db, { email: `  ${email.toUpperCase()} `, password: PASSWORD, ip: null });
      expect(result).toMatchObject({ ok: true, value: { id } });
    });

    it('answers a wrong password and an unknown e-mail with the same words', async () => {
      const { email } = await newAdmin('wrong');
      const wrong = await verifyCredentials(t.db, { email, password: 'not it at all', ip: uniqueIp() });
      const unknown = await verifyCredentials(t.db, { email: unique('nobody'), password: PASSWORD, ip: uniqueIp() });
      expect(wrong).toEqual({ ok: false, error: { code: 'unauthenticated', message: 'Wrong e-mail or password.' } });
      expect(unknown).toEqual(wrong);
    });

    it('refuses an SSO-only admin (no password) like a wrong password', async () => {
      const sso = await findOrCreateSsoAdmin(t.db, { email: unique('sso-only'), name: 'SSO' });
      const result = await verifyCredentials(t.db, { email: sso.email, password: '', ip: uniqueIp() });
      expect(result).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    });

    it('refuses further attempts once an e-mail reached the limit, even with the right password', async () => {
      const { email } = await newAdmin('limit');
      const max = env().SIGN_IN_MAX_FAILURES;
      for (let i = 0; i < max; i++) {
        const attempt = await verifyCredentials(t.db, { email, password: `guess ${i}`, ip: uniqueIp() });
        expect(attempt).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      }
      const refused = await verifyCredentials(t.db, { email: email.toUpperCase(), password: PASSWORD, ip: uniqueIp() });
      const minutes = Math.ceil(env().SIGN_IN_WINDOW_SECONDS / 60);
      expect(refused).toEqual({
        ok: false,
        error: { code: 'rate_limited', message: `Too many attempts, try again in ${minutes} minutes.` },
      });
    });

    it('counts unknown e-mails too, so the limit does not reveal which e-mails exist', async () => {
      const email = unique('ghost');
      for (let i = 0; i < env().SIGN_IN_MAX_FAILURES; i++) await verifyCredentials(t.db, { email, password: 'x', ip: null });
      expect(await verifyCredentials(t.db, { email, password: 'x', ip: null })).toMatchObject({ error: { code: 'rate_limited' } });
    });

    it('lets the e-mail in again once its failures have left the window', async () => {
      const { email } = await newAdmin('window');
      for (let i = 0; i < env().SIGN_IN_MAX_FAILURES; i++) await verifyCredentials(t.db, { email, password: 'x', ip: null });
      expect(await verifyCredentials(t.db, { email, password: PASSWORD, ip: null })).toMatchObject({ ok: false });
      await run(
        t.db,
        sql`update sign_in_attempts set attempted_at = now() - interval '1 day' where key = ${`email:${email.toLowerCase()}`}`,
      );
      expect(await verifyCredentials(t.db, { email, password: PASSWORD, ip: null })).toMatchObject({ ok: true });
    });

    it('clears the e-mail failures after a successful sign-in', async () => {
      const { email } = await newAdmin('reset');
      const max = env().SIGN_IN_MAX_FAILURES;
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < max - 1; i++) await verifyCredentials(t.db, { email, password: 'x', ip: null });
        expect(await verifyCredentials(t.db, { email, password: PASSWORD, ip: null })).toMatchObject({ ok: true });
      }
      const { rows } = await run<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from sign_in_attempts where key = ${`email:${email.toLowerCase()}`}`,
      );
      expect(rows[0]!.n).toBe(0);
    });

    it('limits one client address across many e-mails, and only that address', async () => {
      const ip = uniqueIp();
      for (let i = 0; i < env().SIGN_IN_MAX_FAILURES; i++) {
        await verifyCredentials(t.db, { email: unique('spray'), password: 'Winter2025!', ip });
      }
      const { email } = await newAdmin('neighbour');
      expect(await verifyCredentials(t.db, { email, password: PASSWORD, ip })).toMatchObject({ error: { code: 'rate_limited' } });
      expect(await verifyCredentials(t.db, { email, password: PASSWORD, ip: uniqueIp() })).toMatchObject({ ok: true });
    });
  });

  describe('authorize and getAdminProfile', () => {
    it('lets an admin do what needs admin', async () => {
      const admin = await newAdmin('boss', 'admin');
      await expect(authorize(t.db, actorOf(admin), 'admin')).resolves.toMatchObject({ role: 'admin', adminId: admin.id });
    });

    it('lets a viewer read but not change', async () => {
      const viewer = await newAdmin('reader', 'viewer');
      await expect(authorize(t.db, actorOf(viewer), 'viewer')).resolves.toMatchObject({ role: 'viewer' });
      await expect(authorize(t.db, actorOf(viewer), 'admin')).rejects.toMatchObject({ error: { code: 'forbidden' } });
    });

    it('refuses a deleted admin whose session is still alive', async () => {
      const gone = await newAdmin('gone');
      await run(t.db, sql`delete from admins where id = ${gone.id}`);
      const refused = authorize(t.db, actorOf(gone), 'viewer');
      await expect(refused).rejects.toBeInstanceOf(AppFailure);
      await expect(refused).rejects.toMatchObject({ error: { code: 'unauthenticated' } });
    });

    it('reads the role afresh on every call', async () => {
      const admin = await newAdmin('demoted', 'admin');
      const ctx = { db: t.db, actor: actorOf(admin) };
      expect(await getAdminProfile(ctx)).toEqual({ id: admin.id, email: admin.email, name: 'Admin demoted', role: 'admin' });
      await run(t.db, sql`update admins set role = 'viewer' where id = ${admin.id}`);
      expect(await getAdminProfile(ctx)).toMatchObject({ role: 'viewer' });
    });

    it('has no profile for the system or a token', async () => {
      const system = await catchFailure(() => getAdminProfile({ db: t.db, actor: { kind: 'system', name: 'seed' } }));
      expect(system).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });
  });

  describe('findOrCreateSsoAdmin', () => {
    it('finds the existing admin by e-mail in any case and keeps its role', async () => {
      const existing = await newAdmin('sso-existing', 'admin');
      const found = await findOrCreateSsoAdmin(t.db, { email: existing.email.toUpperCase(), name: 'Other Name' });
      expect(found).toEqual({ id: existing.id, email: existing.email, name: 'Admin sso-existing', role: 'admin' });
    });

    it('creates a new admin with the default role and no password, once', async () => {
      const email = unique('sso-new');
      const [a, b] = await Promise.all([
        findOrCreateSsoAdmin(t.db, { email, name: 'New Person' }),
        findOrCreateSsoAdmin(t.db, { email, name: 'New Person' }),
      ]);
      expect(a).toEqual({ id: expect.any(String), email, name: 'New Person', role: env().OIDC_DEFAULT_ROLE });
      expect(b.id).toBe(a.id);
      const { rows } = await run<{ password_hash: string | null }>(t.db, sql`select password_hash from admins where id = ${a.id}`);
      expect(rows[0]!.password_hash).toBeNull();
    });

    it('names a new admin after the e-mail when the provider gives no name', async () => {
      const email = unique('noname');
      expect(await findOrCreateSsoAdmin(t.db, { email, name: null })).toMatchObject({ name: email.split('@')[0] });
    });

    it('refuses a sign-in without an e-mail address', async () => {
      expect(await catchFailure(() => findOrCreateSsoAdmin(t.db, { email: '', name: 'X' }))).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      });
    });
  });
});
