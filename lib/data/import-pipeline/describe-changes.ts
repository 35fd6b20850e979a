import type { ImportCounts } from '@/db/schema';

/**
 * What an applied import changed, in a few words: "accounts 2 added, 1 removed; identities 2 created"
 * (people are "users" on screens that say so); empty when it changed nothing. For the audit log and
 * the pull history.
 */
export function describeChanges(c: ImportCounts, people: 'identities' | 'users' = 'identities'): string {
  const n = (value: number, what: string) => (value > 0 ? `${value.toLocaleString('en-US')} ${what}` : null);
  const list = (items: (string | null)[]) => items.filter((item) => item !== null).join(', ');
  const accounts = list([n(c.accountsAdded, 'added'), n(c.accountsUpdated, 'updated'), n(c.accountsRemoved, 'removed'), n(c.accountsRestored, 'restored')]);
  const identities = list([n(c.identitiesCreated, 'created'), n(c.identitiesUpdated, 'updated'), n(c.identitiesBlocked, 'blocked'), n(c.identitiesUnblocked, 'unblocked')]);
  return [accounts && `accounts ${accounts}`, identities && `${people} ${identities}`].filter(Boolean).join('; ');
}
