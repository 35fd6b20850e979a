import { EmptyState } from '@/components/ui/empty-state';
import { LinkButton } from '@/components/ui/link-button';

/** `notFound()` inside the console: an application, identity or import that does not exist. */
export default function ConsoleNotFound() {
  return (
    <div className="card">
      <title>Not found · Concord</title>
      <EmptyState
        titleAs="h1"
        title="Not found"
        description="What you asked for does not exist, or has been removed. Check the link, or start again from the list."
        actions={
          <LinkButton href="/applications" variant="primary">
            Go to applications
          </LinkButton>
        }
      />
    </div>
  );
}
