'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';

/** Ends the session and goes to the sign-in page. */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="button button-secondary button-sm"
      disabled={pending}
      aria-busy={pending || undefined}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: '/login' });
      }}
    >
      {pending && <span className="spinner" aria-hidden="true" />}
      Sign out
    </button>
  );
}
