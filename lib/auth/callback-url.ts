/**
 * Where to go after signing in: only a path on this site. Anything else (another origin, a
 * protocol-relative `//host`, a backslash trick, junk) falls back to the console's home page.
 */
export function safeCallbackPath(value: string | null | undefined, fallback = '/'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, 'http://concord.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'http://concord.invalid') return fallback;
  // Back to the sign-in page or into next-auth's own routes would only loop.
  if (url.pathname === '/login' || url.pathname.startsWith('/login/') || url.pathname.startsWith('/api/auth')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
