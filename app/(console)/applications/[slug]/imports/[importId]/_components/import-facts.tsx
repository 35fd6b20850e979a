import { formatCount } from '@/components/ui/class-names';
import type { ImportListItem } from '@/lib/data/imports';
import { ImportStatusBadge } from '@/app/(console)/imports/_components/import-status-badge';
import {
  describeImportActor,
  feedFormatWords,
  formatDateTime,
  formatDuration,
  importTriggerWords,
} from '@/app/(console)/imports/_components/import-words';

/** When, how and by whom an import ran, and the file it read (with its download). */
export function ImportFacts({ item }: { item: ImportListItem }) {
  const when = (date: Date | null) => (date ? <time dateTime={date.toISOString()}>{formatDateTime(date)}</time> : <span className="muted">—</span>);
  return (
    <dl className="kv">
      <dt>Status</dt>
      <dd>
        <ImportStatusBadge status={item.status} />
      </dd>
      <dt>Started</dt>
      <dd>{when(item.startedAt)}</dd>
      <dt>Finished</dt>
      <dd>{when(item.finishedAt)}</dd>
      <dt>Duration</dt>
      <dd>{formatDuration(item.durationMs)}</dd>
      <dt>Trigger</dt>
      <dd>{importTriggerWords[item.trigger]}</dd>
      <dt>By</dt>
      <dd>{describeImportActor(item.actor)}</dd>
      {item.dryRun && (
        <>
          <dt>Mode</dt>
          <dd>Dry run: a preview only, never applied</dd>
        </>
      )}
      {item.overriddenBy && (
        <>
          <dt>Safeguard</dt>
          <dd className="stack stack-sm">
            <span>Applied despite the safeguard by {describeImportActor(item.overriddenBy)}</span>
            {item.holdReason && <span className="muted text-sm">{item.holdReason}</span>}
          </dd>
        </>
      )}
      <dt>Feed</dt>
      <dd>
        <span className="row row-wrap">
          <span className="mono">{item.fileName ?? 'unnamed feed'}</span>
          <span className="muted text-sm">
            {feedFormatWords[item.format] ?? item.format}
            {item.rowsTotal !== null && `, ${formatCount(item.rowsTotal)} ${item.rowsTotal === 1 ? 'row' : 'rows'}`}
          </span>
          {/* A plain link: the route handler answers with the file as an attachment. */}
          <a href={`/api/imports/${encodeURIComponent(item.id)}/feed`} download>
            Download original feed
          </a>
        </span>
      </dd>
    </dl>
  );
}
