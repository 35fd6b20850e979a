import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { getViewer, requireActor } from '@/lib/auth/session';
import { dataContext } from '@/lib/data/context';
import { getSyncConfig } from '@/lib/data/sync-configs';
import { listSyncRuns } from '@/lib/data/sync-runs';
import { loadApplication } from '../_components/load-application';
import { SyncControls } from './_components/sync-controls';
import { SyncForm } from './_components/sync-form';
import { SyncHistory } from './_components/sync-history';
import { SyncStatus } from './_components/sync-status';

type Params = Promise<{ slug: string }>;

export const metadata: Metadata = { title: 'Sync' };

/**
 * An application's scheduled pull (seed 001): a source's authoritative feed, or a target's export of
 * its accounts; where from, how often, run now, disable, enable, delete, and every run.
 */
export default async function ApplicationSyncPage({ params }: { params: Params }) {
  const { slug } = await params;
  const [app, viewer] = await Promise.all([loadApplication(slug), getViewer()]);
  if (!app) notFound();
  const canEdit = viewer.role === 'admin';

  const ctx = await dataContext(await requireActor());
  const [config, history] = await Promise.all([getSyncConfig(ctx, app.slug), listSyncRuns(ctx, app.slug)]);
  return (
    <div className="stack stack-lg">
      {!canEdit && <Alert tone="info">You can read this configuration; only an admin can change it or run it.</Alert>}
      {config && (
        <Card title="Status" description="Each pull imports the feed like an upload; the safeguard still holds a feed that would remove too many accounts.">
          <div className="stack">
            <SyncStatus slug={app.slug} config={config} />
            {canEdit && <SyncControls slug={app.slug} version={config.version} enabled={config.enabled} />}
          </div>
        </Card>
      )}
      <Card
        title="Sync configuration"
        description={
          config
            ? `Pulls ${app.name}'s complete feed from a URL on a schedule.`
            : `${app.name} has no scheduled pull yet. Save a configuration to pull its complete feed from a URL on a schedule.`
        }
      >
        <SyncForm
          slug={app.slug}
          canEdit={canEdit}
          config={
            config && {
              url: config.url,
              format: config.format,
              intervalMinutes: config.intervalMinutes,
              allowPrivateNetwork: config.allowPrivateNetwork,
              hasAuthorization: config.hasAuthorization,
              version: config.version,
            }
          }
        />
      </Card>
      {(config || history.total > 0) && (
        <Card title="Pull history" description="Every pull, scheduled or run now, with what its import changed or why it failed." flush>
          <SyncHistory slug={app.slug} runs={history.runs} total={history.total} />
        </Card>
      )}
    </div>
  );
}
