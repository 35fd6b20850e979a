import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/db/testing';
import { authorizeForApplication, type Actor } from '@/lib/data/actor';
import { contexts, insertApplication } from '@/lib/data/testing/fixtures';
import { authenticateToken, createToken } from '@/lib/data/tokens';
import { AppFailure } from '@/lib/errors';
import { createApiAuth, parseBearer } from './api-auth';

describe('parseBearer', () => {
  it.each([
    ['no header', null, { kind: 'none' }],
    ['an empty header', '  ', { kind: 'none' }],
    ['a bearer token', 'Bearer cnc_abc-DEF_123', { kind: 'token', token: 'cnc_abc-DEF_123' }],
    ['the scheme in lower case', 'bearer cnc_x', { kind: 'token', token: 'cnc_x' }],
    ['extra spaces', '  Bearer   cnc_x  ', { kind: 'token', token: 'cnc_x' }],
    ['token68 padding', 'Bearer abc+/def==', { kind: 'token', token: 'abc+/def==' }],
    ['another scheme', 'Basic YWRtaW46cGFzcw==', { kind: 'malformed' }],
    ['the scheme alone', 'Bearer', { kind: 'malformed' }],
    ['the scheme and a space', 'Bearer ', { kind: 'malformed' }],
    ['a token with a space', 'Bearer one two', { kind: 'malformed' }],
    ['a token with a quote', 'Bearer "cnc_x"', { kind: 'malformed' }],
    ['padding in the middle', 'Bearer ab=cd', { kind: 'malformed' }],
    ['no space after the scheme', 'Bearercnc_x', { kind: 'malformed' }],
    ['an overlong token', `Bearer ${'a'.repeat(513)}`, { kind: 'malformed' }],
  ] as const)('reads %s', (_label, header, expected) => {
    expect(parseBearer(header)).toEqual(expected);
  });
});

describe('withToken', () => {
  const tokenActor: Actor = { kind: 'token', tokenId: 't1', applicationId: 'a1', name: 'nightly' };
  const make = (actor: Actor | null = tokenActor) => {
    const deps = {
      authenticate: vi.fn(async () => (actor?.kind === 'token' ? actor : null)),
      dataContext: vi.fn(async (a: Actor) => ({ db: null as never, actor: a })),
      withSession: vi.fn(async () => Response.json({ session: true })),
    };
    return { deps, withToken: createApiAuth(deps) };
  };
  const request = (authorization?: string) =>
    new Request('http://localhost/api/v1/applications/hr/feeds', { method: 'POST', headers: authorization ? { authorization } : {} });
  const echo = async (ctx: { actor: Actor }) => Response.json({ actor: ctx.actor });

  it('answers a request without a token with 401 and a Bearer challenge', async () => {
    const { withToken, deps } = make();
    const response = await withToken(request(), echo);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await response.json()).toEqual({ error: { code: 'unauthenticated', message: expect.stringContaining('Bearer') } });
    expect(deps.authenticate).not.toHaveBeenCalled();
  });

  it('answers a malformed header with 401 invalid_request, without looking anything up', async () => {
    const { withToken, deps } = make();
    const response = await withToken(request('Basic abc'), echo);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_request"');
    expect(deps.authenticate).not.toHaveBeenCalled();
  });

  it('answers an unknown or revoked token with 401 invalid_token', async () => {
    const { withToken } = make(null);
    const response = await withToken(request('Bearer cnc_nope'), echo);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect((await response.json()).error.code).toBe('unauthenticated');
  });

  it('runs the handler as the token, passing the scope on', async () => {
    const { withToken, deps } = make();
    const response = await withToken(request('Bearer cnc_good'), echo, { scope: { applicationSlug: 'hr' } });
    expect(await response.json()).toEqual({ actor: tokenActor });
    expect(deps.authenticate).toHaveBeenCalledWith('cnc_good', { applicationSlug: 'hr' });
  });

  it('falls back to the browser session only where allowed and only without an Authorization header', async () => {
    const { withToken, deps } = make(null);
    expect(await (await withToken(request(), echo, { session: 'viewer' })).json()).toEqual({ session: true });
    expect(deps.withSession).toHaveBeenCalledWith(expect.any(Request), 'viewer', echo);
    // Signed out too: 401 with the Bearer challenge.
    const signedOut = createApiAuth({ ...deps, withSession: async () => Response.json({ error: { code: 'unauthenticated', message: 'Sign in.' } }, { status: 401 }) });
    const refused = await signedOut(request(), echo, { session: 'viewer' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    // A bad token is not rescued by a session cookie.
    expect((await withToken(request('Bearer cnc_nope'), echo, { session: 'viewer' })).status).toBe(401);
  });

  it('answers an expected failure of the handler with its status, and rethrows bugs', async () => {
    const { withToken } = make();
    const forbidden = await withToken(request('Bearer cnc_good'), async () => {
      throw new AppFailure({ code: 'forbidden', message: 'This token belongs to another application.' });
    });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: { code: 'forbidden', message: 'This token belongs to another application.' } });
    await expect(
      withToken(request('Bearer cnc_good'), async () => {
        throw new Error('bug');
      }),
    ).rejects.toThrow('bug');
  });
});

describe('withToken on a real database (in-memory PGlite)', () => {
  let t: TestDatabase;
  let hr: { id: string; slug: string };
  let crm: { id: string; slug: string };
  let token = '';
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    const { admin } = await contexts(t.db);
    hr = await insertApplication(t.db, 'source');
    crm = await insertApplication(t.db, 'target');
    const created = await createToken(admin, hr.slug, { name: 'hr upload' });
    if (!created.ok) throw new Error(created.error.message);
    token = created.value.token;
  });
  afterAll(async () => {
    await t?.close();
  });

  const withToken = () =>
    createApiAuth({
      authenticate: (bearer, scope) => authenticateToken(t.db, bearer, scope),
      dataContext: async (actor) => ({ db: t.db, actor }),
      withSession: async () => new Response(null, { status: 500 }),
    });
  const request = (authorization: string) => new Request('http://localhost/x', { headers: { authorization } });
  const importInto = (applicationId: string) => async (ctx: { db: typeof t.db; actor: Actor }) => {
    await authorizeForApplication(ctx.db, ctx.actor, applicationId, 'import');
    return new Response(null, { status: 204 });
  };

  it('lets the token into its own application (204) and not into another one (403)', async () => {
    expect((await withToken()(request(`Bearer ${token}`), importInto(hr.id))).status).toBe(204);
    const other = await withToken()(request(`Bearer ${token}`), importInto(crm.id), { scope: { applicationSlug: crm.slug } });
    expect(other.status).toBe(403);
    expect((await other.json()).error.code).toBe('forbidden');
  });

  it('does not know a token that differs by one character', async () => {
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await withToken()(request(`Bearer ${wrong}`), importInto(hr.id))).status).toBe(401);
  });
});
