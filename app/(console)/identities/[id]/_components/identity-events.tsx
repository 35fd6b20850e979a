import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ScrollableTable } from '@/components/ui/scrollable-table';
import { getViewer, requireActor } from '@/lib/auth/session';
import { listApplications } from '@/lib/data/applications';
import { dataContext } from '@/lib/data/context';
import { listIdentityEvents } from '@/lib/data/deliveries/log';
import { deliveryStatusLabels, deliveryStatusTones } from '../../../applications/[slug]/deliveries/_components/delivery-row';
import { formatAbsolute, formatRelative } from '../../../applications/_components/time-ago';
import { SyncToApplicationsDialog } from '../../_components/sync-to-applications-dialog';

const shown = 50;

/**
 * "Events and deliveries": the identity's latest events in every application it is assigned to,
 * each with its delivery (status, attempts, last response), and "Sync to applications" for admins.
 */
export async function IdentityEvents({ identityId }: { identityId: string }) {
  const ctx = await dataContext(await requireActor());
  const [events, applications, viewer] = await Promise.all([listIdentityEvents(ctx, identityId, shown), listApplications(ctx), getViewer()]);
  const now = new Date();
  const targets = applications.filter((app) => app.role === 'target').map((app) => ({ slug: app.slug, name: app.name }));
  return (
    <Card
      title="Events and deliveries"
      description={`What was sent about this identity to its applications, newest first${events.length === shown ? ` (the latest ${shown})` : ''}.`}
      actions={viewer.role === 'admin' ? <SyncToApplicationsDialog identities={[identityId]} applications={targets} buttonLabel="Sync to applications" /> : undefined}
      flush
    >
      {events.length === 0 ? (
        <EmptyState title="No events" description="Events are written when this identity changes while it is assigned to an application, or on Sync to applications." />
      ) : (
        <ScrollableTable label="Events and deliveries">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Application</th>
              <th scope="col">When</th>
              <th scope="col">Delivery</th>
              <th scope="col" className="num">
                Attempts
              </th>
              <th scope="col">Last response</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <th scope="row">
                  <span className="mono text-sm">{event.type}</span>
                </th>
                <td>
                  <Link href={`/applications/${encodeURIComponent(event.applicationSlug)}/deliveries`}>{event.applicationName}</Link>
                </td>
                <td>
                  <time dateTime={event.createdAt.toISOString()} title={formatAbsolute(event.createdAt)}>
                    {formatRelative(event.createdAt, now)}
                  </time>
                </td>
                <td>
                  <Badge tone={deliveryStatusTones[event.status]} dot>
                    {deliveryStatusLabels[event.status]}
                  </Badge>
                </td>
                <td className="num">{event.attempts}</td>
                <td className="text-sm">{event.lastError ?? event.lastStatusCode ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </ScrollableTable>
      )}
    </Card>
  );
}
