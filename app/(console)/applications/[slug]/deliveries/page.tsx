import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { getViewer, requireActor } from '@/lib/auth/session';
import { dataContext } from '@/lib/data/context';
import { getWebhookEndpoint } from '@/lib/data/deliveries/endpoints';
import { deliveryHealth, listDeliveries, type DeliveryLogEntry } from '@/lib/data/deliveries/log';
import { env } from '@/lib/env';
import { formatAbsolute, formatRelative } from '../../_components/time-ago';
import { loadApplication } from '../_components/load-application';
import { DeliveryHealthChart } from './_components/delivery-health-chart';
import { DeliveryLogTable } from './_components/delivery-log-table';
import type { DeliveryRow } from './_components/delivery-row';
import { EndpointForm } from './_components/endpoint-form';
import { deliveriesTableState } from './search-params';

type Params = Promise<{ slug: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export const metadata: Metadata = { title: 'Deliveries' };

/** Where the application's events go (its webhook), how deliveries went per day, and every event with its delivery. */
export default async function ApplicationDeliveriesPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { slug } = await params;
  const [app, viewer, state] = await Promise.all([loadApplication(slug), getViewer(), searchParams.then((p) => deliveriesTableState.parse(p))]);
  if (!app) notFound();
  const canEdit = viewer.role === 'admin';
  const ctx = await dataContext(await requireActor());
  const [endpoint, days, log] = await Promise.all([
    getWebhookEndpoint(ctx, app.slug),
    deliveryHealth(ctx, app.slug),
    listDeliveries(ctx, app.slug, { q: state.q, statuses: state.filters.status, sort: state.sort, dir: state.dir, page: state.page, pageSize: state.pageSize }),
  ]);
  const now = new Date();

  return (
    <div className="stack stack-lg">
      {!canEdit && <Alert tone="info">You can read the endpoint and the log; only an admin can change the endpoint or redeliver.</Alert>}
      {(!endpoint || !endpoint.enabled) && log.counts.pending > 0 && (
        <Alert tone="warning" title={`${log.counts.pending} event${log.counts.pending === 1 ? '' : 's'} waiting.`}>
          {endpoint ? 'The endpoint is disabled' : `${app.name} has no webhook endpoint yet`}: its events stay pending and go out once one is enabled.
        </Alert>
      )}
      <Card title="Webhook endpoint" description={`Each change to an identity assigned to ${app.name} is sent here as a signed event (see README, Webhooks).`}>
        <EndpointForm
          slug={app.slug}
          canEdit={canEdit}
          endpoint={endpoint && { url: endpoint.url, enabled: endpoint.enabled, maxAttempts: endpoint.maxAttempts, allowPrivateNetwork: endpoint.allowPrivateNetwork, secretHint: endpoint.secretHint, version: endpoint.version }}
        />
      </Card>
      <Card title="Delivery health" description="Tries delivered and tries that failed, per day (UTC).">
        <DeliveryHealthChart days={days} />
      </Card>
      <Card
        title="Delivery log"
        description={`Every event with its status, attempts, the last response and error. Delivered events are kept for ${env().DELIVERY_LOG_DAYS} days; pending and failed ones until they are sent or redelivered.`}
      >
        <DeliveryLogTable slug={app.slug} rows={log.entries.map((entry) => toRow(entry, now))} total={log.total} counts={log.counts} canEdit={canEdit} />
      </Card>
    </div>
  );
}

function toRow(entry: DeliveryLogEntry, now: Date): DeliveryRow {
  return {
    id: entry.id,
    type: entry.type,
    identityId: entry.identityId,
    identityName: entry.identityName,
    status: entry.status,
    attempts: entry.attempts,
    createdAtIso: entry.createdAt.toISOString(),
    createdAtText: formatAbsolute(entry.createdAt),
    lastAttemptText: entry.lastAttemptAt ? formatRelative(entry.lastAttemptAt, now) : null,
    nextAttemptText: entry.status === 'pending' && entry.attempts > 0 ? formatRelative(entry.nextAttemptAt, now) : null,
    lastStatusCode: entry.lastStatusCode,
    lastError: entry.lastError,
  };
}
