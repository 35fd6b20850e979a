import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { testDrivers } from '@/db/testing';
import { addAdmin, changeAdminRole, listAdmins, removeAdmin, setAdminPassword } from './admin-management';
import { verifyCredentials } from './admins';
import type { DataContext } from './context';
import { useDataTestDatabase } from './testing/test-database';

const PASSWORD = 'a long enough password';

describe.each(testDrivers)('managing who signs in on %s', (driver) => {
  const { t, admin, viewer } = useDataTestDatabase(driver);
  const noSso = { ssoEnabled: false };

  const adminId = (ctx: DataContext) => (ctx.actor.kind === 'admin' ? ctx.actor.adminId : '');
  const roleOf = async (id: string) => (await run<{ role: string }>(t.db, sql`select role from admins where id = ${id}`)).rows[0]?.role;
  const auditOf = async (id: string) =>
    (await run<{ action: string; summary: string; after: unknown }>(t.db, sql`select action, summary, after from audit_entries where subject_id = ${id} order by id`)).rows;
  const signIn = (email: string, password: string) => verifyCredentials(t.db, { email, password, ip: null });

  it('adds an admin or viewer with a password, who can then sign in; the audit says so without the password', async () => {
    const added = await addAdmin(admin, { email: ' Rae@Example.com ', name: ' Rae Rivers ', role: 'viewer', password: PASSWORD }, noSso);
    expect(added).toMatchObject({ ok: true });
    const id = added.ok ? added.value.id : '';
    expect(await signIn('rae@example.com', PASSWORD)).toMatchObject({ ok: true, value: { email: 'Rae@Example.com', name: 'Rae Rivers' } });
    expect(await roleOf(id)).toBe('viewer');
    const audit = await auditOf(id);
    expect(audit).toEqual([{ action: 'admin.add', summary: 'Added Rae Rivers (Rae@Example.com) as viewer', after: { email: 'Rae@Example.com', name: 'Rae Rivers', role: 'viewer', signIn: 'password' } }]);
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);

    const list = await listAdmins(viewer);
    expect(list.find((a) => a.id === id)).toMatchObject({ email: 'Rae@Example.com', role: 'viewer', signIn: 'password', isYou: false });
    expect(list.find((a) => a.id === adminId(viewer))).toMatchObject({ isYou: true });
  });

  it('refuses a viewer, a taken e-mail, a short password, and no password without single sign-on', async () => {
    expect(await addAdmin(viewer, { email: 'v@example.com', name: 'V', role: 'admin', password: PASSWORD }, noSso)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await addAdmin(admin, { email: 'RAE@example.com', name: 'Rae again', role: 'admin', password: PASSWORD }, noSso)).toMatchObject({
      ok: false, error: { code: 'conflict', field: 'email' },
    });
    expect(await addAdmin(admin, { email: 'short@example.com', name: 'Short', role: 'admin', password: 'short' }, noSso)).toMatchObject({
      ok: false, error: { code: 'invalid', field: 'password', message: 'A password needs at least 8 characters.' },
    });
    expect(await addAdmin(admin, { email: 'sso@example.com', name: 'Sso', role: 'admin', password: '' }, noSso)).toMatchObject({
      ok: false, error: { code: 'invalid', field: 'password', message: 'Give a password: single sign-on is not set up.' },
    });
    expect(await addAdmin(admin, { email: 'not an address', name: 'X', role: 'admin', password: PASSWORD }, noSso)).toMatchObject({ ok: false, error: { field: 'email' } });
    expect(await addAdmin(admin, { email: 'x@example.com', name: 'X', role: 'owner' as never, password: PASSWORD }, noSso)).toMatchObject({ ok: false, error: { field: 'role' } });
    const { rows } = await run<{ n: number }>(t.db, sql`select count(*)::int as n from admins where lower(email) in ('v@example.com', 'short@example.com', 'sso@example.com', 'x@example.com')`);
    expect(rows[0]!.n).toBe(0);
  });

  it('adds someone who signs in with single sign-on only, when it is set up', async () => {
    const added = await addAdmin(admin, { email: 'sso.only@example.com', name: 'Sso Only', role: 'admin', password: '' }, { ssoEnabled: true });
    expect(added.ok).toBe(true);
    expect((await listAdmins(admin)).find((a) => a.email === 'sso.only@example.com')).toMatchObject({ signIn: 'sso', role: 'admin' });
    expect(await signIn('sso.only@example.com', '')).toMatchObject({ ok: false });
  });

  it("changes a role at once, and refuses one's own role and the last admin", async () => {
    const added = await addAdmin(admin, { email: 'sam@example.com', name: 'Sam', role: 'viewer', password: PASSWORD }, noSso);
    const sam = added.ok ? added.value.id : '';
    expect(await changeAdminRole(admin, { adminId: sam, role: 'admin' })).toEqual({ ok: true, value: { role: 'admin' } });
    expect(await roleOf(sam)).toBe('admin');
    expect(await auditOf(sam)).toContainEqual(expect.objectContaining({ action: 'admin.role', summary: 'Made Sam (sam@example.com) an admin' }));
    expect(await changeAdminRole(viewer, { adminId: sam, role: 'viewer' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await changeAdminRole(admin, { adminId: adminId(admin), role: 'viewer' })).toMatchObject({
      ok: false, error: { code: 'invalid', message: 'You cannot change the role of yourself: ask another admin.' },
    });

    // Only Sam and the test's admin... and the SSO admin above are admins: make the others viewers, then Sam is the last.
    const samCtx: DataContext = { db: t.db, actor: { kind: 'admin', adminId: sam, email: 'sam@example.com' } };
    const others = (await listAdmins(admin)).filter((a) => a.role === 'admin' && a.id !== sam);
    for (const other of others) expect(await changeAdminRole(samCtx, { adminId: other.id, role: 'viewer' })).toMatchObject({ ok: true });
    // Sam is now the only admin: the system (the command line) cannot demote or remove Sam either.
    const system: DataContext = { db: t.db, actor: { kind: 'system', name: 'cli' } };
    expect(await changeAdminRole(system, { adminId: sam, role: 'viewer' })).toMatchObject({
      ok: false, error: { message: 'Concord needs at least one admin: make someone else an admin first.' },
    });
    expect(await removeAdmin(system, { adminId: sam })).toMatchObject({ ok: false, error: { message: expect.stringContaining('at least one admin') } });
    expect(await roleOf(sam)).toBe('admin');
    // and the test's admin gets its role back for the tests below
    expect(await changeAdminRole(samCtx, { adminId: adminId(admin), role: 'admin' })).toMatchObject({ ok: true });
  });

  it('sets a password, which replaces the old one', async () => {
    const added = await addAdmin(admin, { email: 'pat@example.com', name: 'Pat', role: 'viewer', password: PASSWORD }, noSso);
    const pat = added.ok ? added.value.id : '';
    expect(await setAdminPassword(viewer, { adminId: pat, password: 'another long one' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await setAdminPassword(admin, { adminId: pat, password: 'short' })).toMatchObject({ ok: false, error: { field: 'password' } });
    expect(await setAdminPassword(admin, { adminId: pat, password: 'another long one' })).toEqual({ ok: true, value: null });
    expect(await signIn('pat@example.com', PASSWORD)).toMatchObject({ ok: false });
    expect(await signIn('pat@example.com', 'another long one')).toMatchObject({ ok: true });
    expect(await auditOf(pat)).toContainEqual(expect.objectContaining({ action: 'admin.password', summary: 'Changed the password of Pat (pat@example.com)' }));
  });

  it('removes someone, whose session then stops working; never oneself', async () => {
    const added = await addAdmin(admin, { email: 'lee@example.com', name: 'Lee', role: 'admin', password: PASSWORD }, noSso);
    const lee = added.ok ? added.value.id : '';
    const leeCtx: DataContext = { db: t.db, actor: { kind: 'admin', adminId: lee, email: 'lee@example.com' } };
    expect(await removeAdmin(leeCtx, { adminId: lee })).toMatchObject({ ok: false, error: { message: 'You cannot remove yourself: ask another admin.' } });
    expect(await removeAdmin(admin, { adminId: lee })).toEqual({ ok: true, value: null });
    expect(await roleOf(lee)).toBeUndefined();
    expect(await listAdmins(leeCtx).catch((error: unknown) => String(error))).toContain('Sign in again');
    expect(await signIn('lee@example.com', PASSWORD)).toMatchObject({ ok: false });
    expect(await auditOf(lee)).toContainEqual(expect.objectContaining({ action: 'admin.remove', summary: 'Removed Lee (lee@example.com), admin' }));
    expect(await removeAdmin(admin, { adminId: lee })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
