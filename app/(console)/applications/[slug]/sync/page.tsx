import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { LinkButton } from '@/components/ui/link-button';
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

/** A source application's scheduled pull (seed 001): where from, how often, run now, disable, enable, delete. */
export default async function ApplicationSyncPage({ params }: { params: Params }) {
  const { slug } = await params;
  const [app, viewer] = await Promise.all([loadApplication(slug), getViewer()]);
  if (!app) notFound();
  const canEdit = viewer.role === 'admin';

  if (app.role !== 'source') {
    return (
      <Card title="Sync configuration">
        <div className="stack">
          <p>
            Scheduled pulls are for source applications: an authoritative feed, such as HR, that Concord fetches from a URL on a
            schedule. {app.name} is a target, so its accounts arrive by upload or through the upload API.
          </p>
          <div className="row">
            <LinkButton href={`/applications/${encodeURIComponent(app.slug)}/imports`}>Go to imports</LinkButton>
          </div>
        </div>
      </Card>
    );
  }

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
