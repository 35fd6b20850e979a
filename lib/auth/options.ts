import 'server-only';
import type { AuthOptions, Session } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { getDb } from '@/db/client';
import { findOrCreateSsoAdmin, verifyCredentials } from '@/lib/data/admins';
import { env } from '@/lib/env';
import { authSecret } from './secret';

/** The id of the OpenID Connect provider: its callback is /api/auth/callback/oidc. */
export const SSO_PROVIDER_ID = 'oidc';

/** A session lasts one working day; after that the admin signs in again. */
const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

type OidcProfile = {
  sub: string;
  email?: string;
  email_verified?: boolean | string;
  name?: string;
  preferred_username?: string;
};

/** The single sign-on provider's id and button name, or null when OIDC is not configured. */
export function ssoProvider(): { id: string; name: string } | null {
  const e = env();
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return null;
  return { id: SSO_PROVIDER_ID, name: e.OIDC_NAME ?? 'SSO' };
}

function oidcProvider(): OAuthConfig<OidcProfile> | null {
  const e = env();
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return null;
  return {
    id: SSO_PROVIDER_ID,
    name: e.OIDC_NAME ?? 'SSO',
    type: 'oauth',
    wellKnown: `${e.OIDC_ISSUER.replace(/\/+$/, '')}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    idToken: true,
    checks: ['pkce', 'state'],
    authorization: { params: { scope: 'openid email profile' } },
    profile: (profile) => ({
      id: profile.sub,
      email: profile.email ?? null,
      name: profile.name ?? profile.preferred_username ?? null,
    }),
  };
}

/**
 * The client's address for the per-address sign-in limit: the last X-Forwarded-For entry, i.e. the
 * one added by the nearest proxy (Next itself sets the socket address when no proxy did), so a
 * client cannot pick its own key by sending the header. Behind several proxies this is the nearer
 * proxy's view; the per-e-mail limit does not depend on it.
 */
export function clientIp(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.['x-forwarded-for'];
  const last = typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : undefined;
  if (last) return last;
  const real = headers?.['x-real-ip'];
  return typeof real === 'string' && real.trim() !== '' ? real.trim() : null;
}

let cached: AuthOptions | undefined;

/**
 * next-auth's configuration, built on first use rather than at import, so `next build` neither reads
 * the run-time environment nor writes .data/auth-secret. The session is a JWT that carries only the
 * admin's id (`sub`) and e-mail: the role is read from the database on every request.
 */
export function getAuthOptions(): AuthOptions {
  if (cached) return cached;
  const sso = oidcProvider();
  cached = {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    // next-auth does not carry session.maxAge over to the token's own expiry (it stays 30 days).
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      CredentialsProvider({
        name: 'E-mail and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(credentials, req) {
          const result = await verifyCredentials(await getDb(), {
            email: credentials?.email ?? '',
            password: credentials?.password ?? '',
            ip: clientIp(req?.headers),
          });
          if (result.ok) return result.value;
          // next-auth passes a thrown message on as the sign-in error; null means "wrong credentials".
          if (result.error.code === 'rate_limited') throw new Error(result.error.message);
          return null;
        },
      }),
      ...(sso ? [sso] : []),
    ],
    callbacks: {
      signIn({ account, profile }) {
        if (account?.type !== 'oauth') return true;
        // Admins are matched by e-mail, so only an address the identity provider vouches for may sign in.
        const oidc = profile as OidcProfile | undefined;
        const verified = oidc?.email_verified !== false && oidc?.email_verified !== 'false';
        return Boolean(oidc?.email) && verified;
      },
      async jwt({ token, user, account, profile }) {
        if (account?.type === 'credentials') return { sub: user.id, email: user.email };
        if (account?.type === 'oauth') {
          const oidc = profile as OidcProfile;
          const admin = await findOrCreateSsoAdmin(await getDb(), {
            email: oidc.email ?? '',
            name: oidc.name ?? oidc.preferred_username ?? null,
          });
          return { sub: admin.id, email: admin.email };
        }
        return { sub: token.sub, email: token.email };
      },
      session({ session, token }) {
        const user = { id: token.sub, email: token.email };
        return { expires: session.expires, user } as Session;
      },
    },
  };
  return cached;
}
