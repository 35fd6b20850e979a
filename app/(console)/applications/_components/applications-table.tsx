import Link from 'next/link';
import { formatCount } from '@/components/ui/class-names';
import { ScrollableTable } from '@/components/ui/scrollable-table';
import type { ApplicationSummary } from '@/lib/data/applications';
import { ImportStatusBadge } from './import-status-badge';
import { RoleBadge } from './role-badge';
import { TimeAgo } from './time-ago';

/** Every application on one page: there are dozens, not thousands, so no paging. */
export function ApplicationsTable({ applications }: { applications: ApplicationSummary[] }) {
  return (
    <ScrollableTable label="Applications">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Slug</th>
          <th scope="col">Role</th>
          <th scope="col" className="num">
            Active accounts
          </th>
          <th scope="col">Last import</th>
          <th scope="col">
            <span className="visually-hidden">Links</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {applications.map((app) => (
          <tr key={app.id}>
            <th scope="row">
              <Link href={`/applications/${app.slug}/reconcile`}>{app.name}</Link>
            </th>
            <td className="mono muted">{app.slug}</td>
            <td>
              <RoleBadge role={app.role} />
            </td>
            <td className="num">{formatCount(app.accountCount)}</td>
            <td>
              <LastImport app={app} />
            </td>
            <td>
              <div className="row row-wrap text-sm">
                <Link href={`/applications/${app.slug}/imports`} aria-label={`Imports of ${app.name}`}>
                  Imports
                </Link>
                <Link href={`/applications/${app.slug}/settings`} aria-label={`Settings of ${app.name}`}>
                  Settings
                </Link>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollableTable>
  );
}

function LastImport({ app }: { app: ApplicationSummary }) {
  if (!app.lastImport) return <span className="muted">No import yet</span>;
  return (
    <span className="row row-wrap">
      <ImportStatusBadge status={app.lastImport.status} />
      {app.lastImport.finishedAt && (
        <span className="muted text-sm">
          <TimeAgo date={app.lastImport.finishedAt} />
        </span>
      )}
    </span>
  );
}
