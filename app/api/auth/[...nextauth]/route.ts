import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { getAuthOptions } from '@/lib/auth/options';

/**
 * next-auth's endpoints (sign-in, callbacks, session, CSRF, sign-out). Its three-argument App Router
 * form, `NextAuth(request, context, options)`, lets the options be built on the first request
 * rather than at import, when `next build` loads this module.
 */
async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return (await NextAuth(request, context, getAuthOptions())) as Response;
}

export { handler as GET, handler as POST };
