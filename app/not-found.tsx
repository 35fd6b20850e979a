import type { Metadata } from 'next';
import { LinkButton } from '@/components/ui/link-button';

export const metadata: Metadata = { title: 'Page not found' };

/** Any URL that matches no route. */
export default function NotFound() {
  return (
    <main id="main" className="page-center">
      <div className="card stack page-center-card">
        <h1>Page not found</h1>
        <p className="muted">There is no page at this address. It may have been moved, or the link may be mistyped.</p>
        <div className="row">
          <LinkButton href="/applications" variant="primary">
            Go to applications
          </LinkButton>
        </div>
      </div>
    </main>
  );
}
