import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { ssoProvider } from '@/lib/auth/options';
import { getActor } from '@/lib/auth/session';
import { signInErrorMessage } from '@/lib/auth/sign-in-errors';
import { getAdminProfile } from '@/lib/data/admins';
import { dataContext } from '@/lib/data/context';
import { catchFailure } from '@/lib/errors';
import { LoginForm } from './_components/login-form';

export const metadata: Metadata = { title: 'Sign in' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));

  // Already signed in, as an admin who still exists: straight on. A stale session stays here to sign in again.
  const actor = await getActor();
  if (actor && (await catchFailure(async () => getAdminProfile(await dataContext(actor)))).ok) redirect(callbackUrl);

  return (
    <main className="auth-page">
      <section className="card stack" aria-labelledby="sign-in-title">
        <header className="stack stack-sm">
          <h1 id="sign-in-title">Sign in to Concord</h1>
          <p className="muted">Identity reconciliation for your organisation&apos;s applications.</p>
        </header>
        <LoginForm callbackUrl={callbackUrl} sso={ssoProvider()} initialError={signInErrorMessage(first(params.error))} />
      </section>
    </main>
  );
}
