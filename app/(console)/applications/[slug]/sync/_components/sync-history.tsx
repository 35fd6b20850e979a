import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { ScrollableTable } from '@/components/ui/scrollable-table';
import { describeChanges } from '@/lib/data/import-pipeline/describe-changes';
import type { SyncRunView } from '@/lib/data/sync-runs';
import { TimeAgo } from '../../../_components/time-ago';
import { ImportStatusBadge } from '../../../_components/import-status-badge';
import { describeImportActor, formatDuration, importHref } from '../../../../imports/_components/import-words';

/** Every pull, latest first: when, who or what ran it, how it ended and what it changed, or why it failed. */
export function SyncHistory({ slug, runs, total }: { slug: string; runs: SyncRunView[]; total: number }) {
  if (runs.length === 0) {
    return <EmptyState title="No pull yet" description="Each scheduled pull and each “Sync now” is listed here, failed ones included." />;
  }
  return (
    <div className="stack stack-sm">
      {total > runs.length && (
        <p className="muted text-sm">
          The latest {runs.length.toLocaleString('en-US')} of {total.toLocaleString('en-US')} pulls.
        </p>
      )}
      <ScrollableTable label="Pull history">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Run by</th>
            <th scope="col">Took</th>
            <th scope="col">Status</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <th scope="row" className="nowrap">
                <TimeAgo date={r.startedAt} />
              </th>
              <td>{r.trigger === 'schedule' ? 'Schedule' : `Sync now (${describeImportActor(r.actor)})`}</td>
              <td className="nowrap">{r.finishedAt ? formatDuration(r.finishedAt.getTime() - r.startedAt.getTime()) : '…'}</td>
              <td>
                <ImportStatusBadge status={r.import && r.status === 'running' ? r.import.status : r.status} />
              </td>
              <td>
                {r.status === 'running' && !r.import ? (
                  <span className="muted">Fetching the feed…</span>
                ) : (
                  <span className="stack stack-sm">
                    {r.import && (
                      <span>
                        <Link href={importHref(slug, r.import.id)}>View import</Link>
                        {r.import.counts && <span className="muted"> · {describeChanges(r.import.counts, 'users') || 'nothing changed'}</span>}
                      </span>
                    )}
                    {r.error && <span>{r.error}</span>}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollableTable>
    </div>
  );
}
