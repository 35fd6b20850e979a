import { NextResponse, type NextRequest } from 'next/server';

/**
 * An optimistic redirect, not a security boundary (a proxy can be skipped: CVE-2025-29927): every
 * page, route handler and server action checks the session and the role itself. Without a session
 * cookie, send the browser to the sign-in page now instead of rendering a page that would redirect.
 * Stays out of /api entirely: the proxy would buffer and cap upload bodies.
 */
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/** Read by lib/auth/session.ts to come back to the requested page after signing in. */
const REQUEST_PATH_HEADER = 'x-concord-path';

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const requested = `${pathname}${search}`;
  if (!request.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name))) {
    const login = new URL('/login', request.url);
    if (requested !== '/') login.searchParams.set('callbackUrl', requested);
    return NextResponse.redirect(login);
  }
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, requested);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: [
    '/((?!api(?:/|$)|_next/|login(?:/|$)|favicon\\.ico$|robots\\.txt$|.*\\.(?:png|jpe?g|gif|svg|webp|avif|ico|css|js|map|txt|xml|woff2?|ttf|webmanifest)$).*)',
  ],
};
