import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '@/db/sql';
import { testDrivers } from '@/db/testing';
import { AppFailure } from '@/lib/errors';
import { authorizeForApplication } from './actor';
import { insertApplication } from './testing/fixtures';
import { useDataTestDatabase } from './testing/test-database';
import { authenticateToken, createToken, hashToken, listTokens, registerDemoToken, revokeToken } from './tokens';

describe.each(testDrivers)('upload tokens on %s', (driver) => {
  const { t, admin, viewer } = useDataTestDatabase(driver);
  let app: { id: string; slug: string };
  let other: { id: string; slug: string };

  beforeAll(async () => {
    app = await insertApplication(t.db, 'source');
    other = await insertApplication(t.db, 'target');
  });

  const row = async (id: string) =>
    (
      await run<{ token_hash: string; prefix: string; last_used_at: Date | string | null; revoked_at: Date | null; created_by: string }>(
        t.db,
        sql`select token_hash, prefix, last_used_at, revoked_at, created_by from api_tokens where id = ${id}`,
      )
    ).rows[0]!;
  const audits = async (subjectId: string) =>
    (await run<{ action: string; actor: string; summary: string; after: unknown }>(t.db, sql`select action, actor, summary, after from audit_entries where subject_id = ${subjectId} order by id`)).rows;

  it('creates a token shown once and stores only its hash and prefix, audited', async () => {
    const created = await createToken(admin, app.slug, { name: '  Nightly HR upload ' });
    if (!created.ok) throw new Error(created.error.message);
    const { id, token } = created.value;
    expect(token).toMatch(/^cnc_[A-Za-z0-9_-]{43}$/);
    const stored = await row(id);
    expect(stored.token_hash).toBe(hashToken(token));
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.prefix).toBe(token.slice(0, 8));
    expect(stored.created_by).toBe(admin.actor.kind === 'admin' ? admin.actor.email : '');
    const entries = await audits(id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'token.create', summary: expect.stringContaining('"Nightly HR upload"') });
    expect(JSON.stringify(entries)).not.toContain(token);
  });

  it('makes a different secret every time', async () => {
    const a = await createToken(admin, app.slug, { name: 'a' });
    const b = await createToken(admin, app.slug, { name: 'b' });
    expect(a.ok && b.ok && a.value.token !== b.value.token).toBe(true);
  });

  it.each([
    ['an empty name', '   ', 'invalid'],
    ['a name over 100 characters', 'x'.repeat(101), 'invalid'],
  ] as const)('refuses %s', async (_label, name, code) => {
    const result = await createToken(admin, app.slug, { name });
    expect(!result.ok && result.error).toMatchObject({ code, field: 'name' });
  });

  it('refuses a second active token with the same name, an unknown application, and a viewer', async () => {
    expect(await createToken(admin, app.slug, { name: 'twice' })).toMatchObject({ ok: true });
    expect(await createToken(admin, app.slug, { name: 'twice' })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'name' } });
    expect(await createToken(admin, 'no-such-app', { name: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await createToken(viewer, app.slug, { name: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('authenticates a token as its application, records the last use at most once a minute', async () => {
    const created = await createToken(admin, app.slug, { name: 'used' });
    if (!created.ok) throw new Error(created.error.message);
    expect((await row(created.value.id)).last_used_at).toBeNull();

    const actor = await authenticateToken(t.db, created.value.token);
    expect(actor).toEqual({ kind: 'token', tokenId: created.value.id, applicationId: app.id, name: 'used' });
    const first = (await row(created.value.id)).last_used_at;
    expect(first).not.toBeNull();

    await authenticateToken(t.db, created.value.token);
    expect(new Date((await row(created.value.id)).last_used_at!).getTime()).toBe(new Date(first!).getTime());

    await run(t.db, sql`update api_tokens set last_used_at = now() - interval '2 minutes' where id = ${created.value.id}`);
    const stale = new Date((await row(created.value.id)).last_used_at!).getTime();
    await authenticateToken(t.db, created.value.token);
    expect(new Date((await row(created.value.id)).last_used_at!).getTime()).toBeGreaterThan(stale);

    const listed = (await listTokens(viewer, app.slug)).find((x) => x.id === created.value.id);
    expect(listed).toMatchObject({ name: 'used', prefix: created.value.prefix, revokedAt: null, lastUsedAt: expect.any(Date) });
    expect(JSON.stringify(listed)).not.toContain(created.value.token.slice(8));
  });

  it('does not know an unknown, empty or overlong token', async () => {
    expect(await authenticateToken(t.db, 'cnc_unknown')).toBeNull();
    expect(await authenticateToken(t.db, '')).toBeNull();
    expect(await authenticateToken(t.db, 'x'.repeat(600))).toBeNull();
  });

  it('lets a token work on its own application only', async () => {
    const created = await createToken(admin, app.slug, { name: 'scoped' });
    if (!created.ok) throw new Error(created.error.message);
    const actor = (await authenticateToken(t.db, created.value.token))!;
    await expect(authorizeForApplication(t.db, actor, app.id, 'import')).resolves.toMatchObject({ label: 'token:scoped' });
    await expect(authorizeForApplication(t.db, actor, other.id, 'import')).rejects.toBeInstanceOf(AppFailure);
    // A token reads nothing through the admin-only parts of the data layer.
    await expect(listTokens({ db: t.db, actor }, app.slug)).rejects.toMatchObject({ error: { code: 'forbidden' } });
  });

  it('revokes a token: audited, refused from then on, listed as revoked, not twice', async () => {
    const created = await createToken(admin, app.slug, { name: 'to revoke' });
    if (!created.ok) throw new Error(created.error.message);
    const actor = (await authenticateToken(t.db, created.value.token))!;

    expect(await revokeToken(viewer, created.value.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await revokeToken(admin, created.value.id)).toEqual({ ok: true, value: { id: created.value.id } });
    expect(await revokeToken(admin, created.value.id)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await revokeToken(admin, '00000000-0000-4000-8000-000000000000')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await revokeToken(admin, 'junk')).toMatchObject({ ok: false, error: { code: 'not_found' } });

    expect(await authenticateToken(t.db, created.value.token)).toBeNull();
    // An actor built before the revocation is refused by the data layer as well.
    await expect(authorizeForApplication(t.db, actor, app.id, 'import')).rejects.toMatchObject({ error: { code: 'forbidden' } });
    expect((await audits(created.value.id)).map((e) => e.action)).toEqual(['token.create', 'token.revoke']);
    const listed = (await listTokens(admin, app.slug)).find((x) => x.id === created.value.id);
    expect(listed?.revokedAt).toBeInstanceOf(Date);
    // The name is free again once the old token is revoked.
    expect(await createToken(admin, app.slug, { name: 'to revoke' })).toMatchObject({ ok: true });
  });

  it('registers the demo token for several applications, idempotently, each answering for its own', async () => {
    const demo = `demo-${driver}-0123456789abcdef`;
    expect(await registerDemoToken(t.db, demo, [app.slug, other.slug, 'not-there'])).toEqual([app.slug, other.slug].sort());
    expect(await registerDemoToken(t.db, demo, [app.slug, other.slug])).toEqual([]);

    const forApp = await authenticateToken(t.db, demo, { applicationSlug: app.slug });
    const forOther = await authenticateToken(t.db, demo, { applicationSlug: other.slug });
    expect(forApp).toMatchObject({ applicationId: app.id, name: 'Demo token' });
    expect(forOther).toMatchObject({ applicationId: other.id, name: 'Demo token' });
    await expect(authorizeForApplication(t.db, forOther!, other.id, 'import')).resolves.toBeTruthy();
    const anImport = await run<{ id: string }>(t.db, sql`insert into imports (application_id, trigger, actor, format) values (${other.id}, 'api', 'test', 'csv') returning id`);
    expect(await authenticateToken(t.db, demo, { importId: anImport.rows[0]!.id })).toMatchObject({ applicationId: other.id });
    // Without a hint, the token still authenticates (as one of its applications).
    expect(await authenticateToken(t.db, demo)).not.toBeNull();

    // Revoked for one application, it keeps working for the other, and registering again does not bring it back.
    expect(await revokeToken(admin, forOther!.tokenId)).toMatchObject({ ok: true });
    expect(await registerDemoToken(t.db, demo, [other.slug])).toEqual([]);
    expect(await authenticateToken(t.db, demo, { applicationSlug: app.slug })).toMatchObject({ applicationId: app.id });
    const unhinted = await authenticateToken(t.db, demo, { applicationSlug: other.slug });
    expect(unhinted?.applicationId).not.toBe(other.id);
  });

  it('refuses a demo token too short or with odd characters', async () => {
    await expect(registerDemoToken(t.db, 'short', [app.slug])).rejects.toThrow(/CONCORD_DEMO_TOKEN/);
    await expect(registerDemoToken(t.db, 'has spaces in it, quite long', [app.slug])).rejects.toThrow(/CONCORD_DEMO_TOKEN/);
  });
});
