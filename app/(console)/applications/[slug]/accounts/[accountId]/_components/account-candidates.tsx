import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { ScrollableTable } from '@/components/ui/scrollable-table';
import type { AccountDetail } from '@/lib/data/accounts';
import type { ReconcileRow } from '@/lib/data/reconciliation';
import { describeRule } from '@/lib/matching/rules';
import { Badge } from '@/components/ui/badge';
import { AssignCandidateButton } from './account-actions-panel';

/**
 * The identities matching proposed for this account, each with the rule that found it and the value
 * that matched; with `row` (an admin, an active account), an Assign beside each one it is not linked to.
 */
export function AccountCandidates({ account, row }: { account: AccountDetail; row: ReconcileRow | null }) {
  if (account.candidates.length === 0) {
    return (
      <EmptyState
        title="No candidates"
        description={
          account.situation === 'manually_linked'
            ? 'An administrator linked this account; matching no longer proposes users for it.'
            : 'No matching rule of this application finds a user for this account.'
        }
      />
    );
  }
  return (
    <ScrollableTable label="Candidates">
      <thead>
        <tr>
          <th scope="col">User</th>
          <th scope="col">Matched by rule</th>
          <th scope="col">Matching value</th>
          <th scope="col">Linked</th>
          {row && (
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {account.candidates.map((candidate) => (
          <tr key={candidate.id}>
            <th scope="row">
              <Link href={`/identities/${encodeURIComponent(candidate.id)}`}>{candidate.label}</Link>
              {candidate.status === 'blocked' && (
                <>
                  {' '}
                  <Badge tone="danger">Blocked</Badge>
                </>
              )}
              {candidate.username && <div className="muted text-sm mono">{candidate.username}</div>}
            </th>
            <td>
              {candidate.rule ? (
                <>
                  {describeRule(candidate.rule)}
                  <div className="muted text-sm">Rule {(candidate.ruleIndex ?? 0) + 1}</div>
                </>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
            <td>{candidate.identityValue ? <q className="mono">{candidate.identityValue}</q> : <span className="muted">—</span>}</td>
            <td>{account.linkedIdentity?.id === candidate.id ? 'Yes' : <span className="muted">No</span>}</td>
            {row && <td>{account.linkedIdentity?.id !== candidate.id && <AssignCandidateButton row={row} candidate={candidate} />}</td>}
          </tr>
        ))}
      </tbody>
    </ScrollableTable>
  );
}
