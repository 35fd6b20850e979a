import Link from 'next/link';
import { formatCount } from '@/components/ui/class-names';
import { EmptyState } from '@/components/ui/empty-state';
import { ScrollableTable } from '@/components/ui/scrollable-table';
import type { AccountDetail } from '@/lib/data/accounts';
import { ImportStatusBadge } from '@/app/(console)/imports/_components/import-status-badge';
import { formatDateTime, importHref } from '@/app/(console)/imports/_components/import-words';
import { AccountValueList } from './account-values';

/** The row received for this account in each of the application's feeds, newest first. */
export function AccountReceived({ account }: { account: AccountDetail }) {
  if (account.received.length === 0) {
    return <EmptyState title="No feed data kept for this account" description="Rows of failed and discarded imports are not kept." />;
  }
  return (
    <div className="stack stack-sm">
      <ScrollableTable label="Data received in every feed">
        <thead>
          <tr>
            <th scope="col">Import (UTC)</th>
            <th scope="col">Import status</th>
            <th scope="col" className="num">
              Row
            </th>
            <th scope="col">Values received</th>
          </tr>
        </thead>
        <tbody>
          {account.received.map((received) => (
            <tr key={`${received.importId}:${received.row}`}>
              <th scope="row">
                <Link href={importHref(account.applicationSlug, received.importId)}>
                  <time dateTime={received.receivedAt.toISOString()} className="nowrap">
                    {formatDateTime(received.receivedAt)}
                  </time>
                </Link>
              </th>
              <td>
                <ImportStatusBadge status={received.importStatus} />
              </td>
              <td className="num">{formatCount(received.row)}</td>
              <td>
                <AccountValueList values={received.values} compact />
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollableTable>
      {account.repeatedUnchanged > 0 && (
        <p className="muted text-sm">
          Since the newest applied feed above, {formatCount(account.repeatedUnchanged)} {account.repeatedUnchanged === 1 ? 'feed' : 'feeds'} repeated this
          account unchanged (a feed keeps no row for an account it repeats unchanged).
        </p>
      )}
      {account.receivedTotal > account.received.length && (
        <p className="muted text-sm">
          The newest {formatCount(account.received.length)} of {formatCount(account.receivedTotal)} feeds are shown.
        </p>
      )}
    </div>
  );
}
