import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { ScrollableTable } from '@/components/ui/scrollable-table';
import type { AccountDetail } from '@/lib/data/accounts';
import { describeRule } from '@/lib/matching/rules';

/** The identities matching proposed for this account, each with the rule that found it and the value that matched. */
export function AccountCandidates({ account }: { account: AccountDetail }) {
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
        </tr>
      </thead>
      <tbody>
        {account.candidates.map((candidate) => (
          <tr key={candidate.id}>
            <th scope="row">
              <Link href={`/identities/${encodeURIComponent(candidate.id)}`}>{candidate.label}</Link>
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
          </tr>
        ))}
      </tbody>
    </ScrollableTable>
  );
}
