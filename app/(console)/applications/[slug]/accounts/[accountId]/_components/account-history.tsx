import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ScrollableTable } from '@/components/ui/scrollable-table';
import type { AccountDetail } from '@/lib/data/accounts';
import { changeKindWords, describeImportActor, formatDateTime, importHref } from '@/app/(console)/imports/_components/import-words';
import { FieldDiff } from '../../../imports/[importId]/_components/field-diff';

const when = (date: Date) => (
  <time dateTime={date.toISOString()} className="nowrap">
    {formatDateTime(date)}
  </time>
);

/** What imports did to this account, newest first, with the fields each change touched. */
export function AccountImportChanges({ account }: { account: AccountDetail }) {
  if (account.changes.length === 0) return <EmptyState title="No import has changed this account" />;
  return (
    <ScrollableTable label="Changes by imports">
      <thead>
        <tr>
          <th scope="col">Import (UTC)</th>
          <th scope="col">Change</th>
          <th scope="col">Fields changed</th>
        </tr>
      </thead>
      <tbody>
        {account.changes.map((change) => (
          <tr key={change.id}>
            <th scope="row">
              <Link href={importHref(account.applicationSlug, change.importId)}>{when(change.at)}</Link>
            </th>
            <td>
              <Badge tone={changeKindWords[change.kind].tone}>{changeKindWords[change.kind].label}</Badge>
            </td>
            <td>
              <FieldDiff kind={change.kind} before={change.before} after={change.after} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollableTable>
  );
}

/** What administrators did to this account (assign, create and link, confirm, unlink, ignore): who, what, when. */
export function AccountActions({ account }: { account: AccountDetail }) {
  if (account.audit.length === 0) return <EmptyState title="No administrator has acted on this account" />;
  return (
    <ScrollableTable label="Actions on this account">
      <thead>
        <tr>
          <th scope="col">When (UTC)</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
        </tr>
      </thead>
      <tbody>
        {account.audit.map((entry) => (
          <tr key={entry.id}>
            <th scope="row">{when(entry.at)}</th>
            <td>{describeImportActor(entry.actor)}</td>
            <td>
              {entry.summary}
              <div className="muted text-sm mono">{entry.action}</div>
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollableTable>
  );
}
