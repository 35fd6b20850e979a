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
  const message = error instanceof Error && error.message ? error.message : 'An unexpected error occurred.';

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
        <p>{message}</p>
        {digest && <p className="text-sm">Reference for the server log: <code>{digest}</code></p>}
      </Alert>
    </div>
  );
}
