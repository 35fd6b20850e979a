import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { SyncConfigView } from '@/lib/data/sync-configs';
import { describeSyncInterval } from '@/lib/sync/schedule';
import { TimeAgo } from '../../../_components/time-ago';
import { ImportStatusBadge } from '../../../_components/import-status-badge';
import { importHref } from '../../../../imports/_components/import-words';

/** Where the schedule stands: enabled or not, the last run (with its import), the next one, the last error. */
export function SyncStatus({ slug, config }: { slug: string; config: SyncConfigView }) {
  return (
    <dl className="kv">
      <dt>State</dt>
      <dd>
        <Badge tone={config.enabled ? 'success' : 'neutral'} dot>
          {config.enabled ? 'Enabled' : 'Disabled'}
        </Badge>{' '}
        <span className="muted text-sm">{describeSyncInterval(config.intervalMinutes)}</span>
      </dd>
      <dt>Last run</dt>
      <dd>
        {config.lastRunAt ? (
          <span className="row row-wrap">
            <TimeAgo date={config.lastRunAt} withAbsolute />
            {config.lastImport ? (
              <>
                <ImportStatusBadge status={config.lastImport.status} />
                <Link href={importHref(slug, config.lastImport.id)}>View import</Link>
              </>
            ) : (
              config.lastError && <ImportStatusBadge status="failed" />
            )}
          </span>
        ) : (
          <span className="muted">Never</span>
        )}
      </dd>
      <dt>Next run</dt>
      <dd>
        {config.enabled && config.nextRunAt ? <TimeAgo date={config.nextRunAt} withAbsolute /> : <span className="muted">Not scheduled while disabled</span>}
      </dd>
      <dt>Last error</dt>
      <dd>{config.lastError ? <span>{config.lastError}</span> : <span className="muted">None</span>}</dd>
    </dl>
  );
}
