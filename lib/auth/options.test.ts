import type { Account, Session, User } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { clientIp, getAuthOptions, ssoProvider } from './options';

// env() is read lazily and cached: set the environment before the first call.
beforeAll(() => {
  vi.stubEnv('NEXTAUTH_SECRET', 'test-secret-test-secret-test-secret-0123');
  vi.stubEnv('OIDC_ISSUER', 'https://login.example.com/');
  vi.stubEnv('OIDC_CLIENT_ID', 'concord');
  vi.stubEnv('OIDC_CLIENT_SECRET', 'client-secret');
  vi.stubEnv('OIDC_NAME', 'Okta');
});

describe('clientIp', () => {
  it.each([
    [{ 'x-forwarded-for': '203.0.113.9' }, '203.0.113.9'],
    [{ 'x-forwarded-for': '6.6.6.6, 203.0.113.9' }, '203.0.113.9'],
    [{ 'x-real-ip': ' 198.51.100.4 ' }, '198.51.100.4'],
    [{}, null],
    [undefined, null],
  ])('%j → %s', (headers, expected) => {
    expect(clientIp(headers)).toBe(expected);
  });
});

describe('next-auth options', () => {
  it('uses short JWT sessions, the console sign-in page and the configured secret', () => {
    const options = getAuthOptions();
    expect(options.session).toMatchObject({ strategy: 'jwt', maxAge: 12 * 60 * 60 });
    expect(options.jwt?.maxAge).toBe(12 * 60 * 60);
    expect(options.pages?.signIn).toBe('/login');
    expect(options.secret).toBe('test-secret-test-secret-test-secret-0123');
  });

  it('offers the OIDC provider with PKCE, state and the issuer discovery document', () => {
    expect(ssoProvider()).toEqual({ id: 'oidc', name: 'Okta' });
    const oidc = getAuthOptions().providers.find((p) => p.id === 'oidc');
    expect(oidc).toMatchObject({
      type: 'oauth',
      name: 'Okta',
      wellKnown: 'https://login.example.com/.well-known/openid-configuration',
      idToken: true,
      checks: ['pkce', 'state'],
    });
  });

  it('puts only the admin id and e-mail in the token, never the role or anything else', async () => {
    const { jwt } = getAuthOptions().callbacks!;
    const user = { id: 'a7b468da-8bff-4111-8fc3-904231ebfbca', email: 'ada@example.com', name: 'Ada', role: 'admin' } as User;
    const account = { type: 'credentials', provider: 'credentials', providerAccountId: user.id } as Account;
    const token = { name: 'Ada', email: 'ada@example.com', picture: 'x', sub: user.id } as JWT;
    expect(await jwt!({ token, user, account, trigger: 'signIn' })).toEqual({ sub: user.id, email: 'ada@example.com' });
    const later = { ...token, role: 'admin' } as JWT;
    expect(await jwt!({ token: later, user: undefined as unknown as User, account: null })).toEqual({
      sub: user.id,
      email: 'ada@example.com',
    });
  });

  it('exposes the id and e-mail in the session', async () => {
    const { session } = getAuthOptions().callbacks!;
    const result = await session!({
      session: { expires: '2030-01-01T00:00:00.000Z', user: { name: 'Ada' } } as Session,
      token: { sub: 'id-1', email: 'ada@example.com' } as JWT,
    } as Parameters<NonNullable<typeof session>>[0]);
    expect(result).toEqual({ expires: '2030-01-01T00:00:00.000Z', user: { id: 'id-1', email: 'ada@example.com' } });
  });

  it.each([
    ['a password sign-in', { type: 'credentials' }, undefined, true],
    ['an SSO sign-in with a verified e-mail', { type: 'oauth' }, { email: 'a@example.com', email_verified: true }, true],
    ['an SSO sign-in without email_verified', { type: 'oauth' }, { email: 'a@example.com' }, true],
    ['an SSO sign-in with an unverified e-mail', { type: 'oauth' }, { email: 'a@example.com', email_verified: false }, false],
    ['an SSO sign-in without an e-mail', { type: 'oauth' }, { name: 'x' }, false],
  ])('decides on %s', async (_label, account, profile, expected) => {
    const { signIn } = getAuthOptions().callbacks!;
    const allowed = await signIn!({ user: { id: 'x' }, account: account as Account, profile } as Parameters<NonNullable<typeof signIn>>[0]);
    expect(allowed).toBe(expected);
  });
});
