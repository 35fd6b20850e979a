'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { signInErrorMessage } from '@/lib/auth/sign-in-errors';

export type LoginFormProps = {
  /** A same-origin path, already checked on the server. */
  callbackUrl: string;
  /** The single sign-on provider, when one is configured. */
  sso: { id: string; name: string } | null;
  /** An error carried back in the URL (e.g. from a failed single sign-on), already in words. */
  initialError: string | null;
};

export function LoginForm({ callbackUrl, sso, initialError }: LoginFormProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        callbackUrl,
        redirect: false,
      });
      if (!result?.ok || result.error) {
        setError(signInErrorMessage(result?.error ?? 'Default'));
        setPending(false);
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError('Concord could not be reached. Check your connection and try again.');
      setPending(false);
    }
  }

  return (
    <div className="stack">
      <div role="alert">{error && <p className="alert alert-error">{error}</p>}</div>
      <form className="stack" onSubmit={onSubmit}>
        <div className="field">
          <label className="field-label" htmlFor="email">
            Email
          </label>
          <input className="input" id="email" name="email" type="email" autoComplete="username" required autoFocus />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="password">
            Password
          </label>
          <input className="input" id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending}>
          Sign in
        </button>
      </form>
      {sso && (
        <button
          type="button"
          className="button button-secondary"
          disabled={pending}
          onClick={() => {
            setPending(true);
            signIn(sso.id, { callbackUrl }).catch(() => {
              setError('Concord could not be reached. Check your connection and try again.');
              setPending(false);
            });
          }}
        >
          Sign in with {sso.name}
        </button>
      )}
    </div>
  );
}
