'use client';

import { useEffect } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LinkButton } from '@/components/ui/link-button';

/**
 * A bug or an outage while rendering a console page (expected failures are shown by the page
 * itself). In production Next hides server error messages; the digest matches the server log.
 */
export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : undefined;

  return (
    <div className="stack" style={{ maxWidth: '40rem' }}>
      <h1>Something went wrong</h1>
      <Alert
        tone="error"
        title="This page could not be shown."
        actions={
          <>
            <Button variant="primary" onClick={() => retry()}>
              Try again
            </Button>
            <LinkButton href="/applications" variant="secondary">
              Go to applications
            </LinkButton>
          </>
        }
      >
        <p>{describe(error)}</p>
        {digest && (
          <p className="text-sm">
            If it keeps happening, give your administrator this reference from the server log: <code>{digest}</code>
          </p>
        )}
      </Alert>
    </div>
  );
}

/**
 * The error in words. A server error reaches the browser with its message replaced (in production)
 * by React's placeholder, which means nothing to an administrator: say what happened instead.
 */
function describe(error: unknown): string {
  if (!(error instanceof Error) || !error.message) return 'An unexpected error occurred.';
  if (/^(Minified React error #441|An error occurred in the Server Components render)/.test(error.message)) {
    return 'The server could not finish this page. This is usually temporary: try again in a moment.';
  }
  return error.message;
}
