import type { AccountDetail } from '@/lib/data/accounts';
import type { ReconcileRow } from '@/lib/data/reconciliation';

/** The account as the reconciliation table's row, which is what the row's actions and their dialogs take. */
export function accountAsRow(account: AccountDetail): ReconcileRow {
  const user = account.linkedIdentity;
  return {
    id: account.id,
    key: account.key,
    label: account.label,
    username: account.username,
    email: account.email,
    displayName: account.displayName,
    givenName: account.givenName,
    familyName: account.familyName,
    employeeId: account.employeeId,
    situation: account.situation,
    linkStatus: account.linkStatus,
    version: account.version,
    candidateCount: account.candidates.length,
    matchedRule: account.candidates[0]?.ruleIndex ?? null,
    user: user && { id: user.id, displayName: user.displayName, email: user.email, username: user.username, status: user.status },
  };
}
