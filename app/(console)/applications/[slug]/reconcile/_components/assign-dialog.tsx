'use client';

import { useEffect, useEffectEvent, useId, useRef, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast-provider';
import type { IdentitySummary } from '@/lib/data/identities';
import type { ReconcileRow } from '@/lib/data/reconciliation';
import { assignAction, searchIdentitiesAction } from '../actions';
import { failureMessage } from './failure-message';

const listStyle = { listStyle: 'none', margin: 0, padding: 0, maxHeight: '22rem', overflowY: 'auto' } as const;
const itemStyle = { padding: 'var(--space-2) 0', borderBottom: '1px solid var(--color-border)' } as const;

/** "Assign existing user": a searchable picker, the account's candidates first. */
export function AssignDialog({ account, onClose }: { account: ReconcileRow | null; onClose: () => void }) {
  return (
    <Dialog
      open={account !== null}
      onClose={onClose}
      wide
      title="Assign existing user"
      description={account ? `Link ${account.label} to a user from the directory. Users that matching found for this account come first, marked "Candidate".` : undefined}
      footer={<Button onClick={onClose}>Cancel</Button>}
    >
      {account && <UserPicker key={`${account.id}:${account.version}`} account={account} onAssigned={onClose} />}
    </Dialog>
  );
}

function userName(user: IdentitySummary): string {
  return user.displayName ?? user.username ?? user.email ?? 'Unnamed user';
}

function UserPicker({ account, onAssigned }: { account: ReconcileRow; onAssigned: () => void }) {
  const searchId = useId();
  const toast = useToast();
  const [text, setText] = useState('');
  const [users, setUsers] = useState<IdentitySummary[] | null>(null);
  const [searchedFor, setSearchedFor] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSearching, startSearch] = useTransition();
  const [isAssigning, startAssign] = useTransition();
  const latest = useRef(0);

  const search = (q: string) => {
    const request = ++latest.current;
    startSearch(async () => {
      const result = await searchIdentitiesAction({ q, accountId: account.id });
      if (request !== latest.current) return; // an older answer arriving late
      if (result.ok) {
        setUsers(result.value);
        setSearchedFor(q);
        setError(null);
      } else {
        setError(result.error.message);
      }
    });
  };
  const searchFromTimer = useEffectEvent(search);

  // The candidates at once, then a search ~250 ms after typing stops.
  useEffect(() => {
    const q = text.trim();
    const timer = setTimeout(() => searchFromTimer(q), q ? 250 : 0);
    return () => clearTimeout(timer);
  }, [text]);

  const assign = (user: IdentitySummary) =>
    startAssign(async () => {
      const result = await assignAction({ accountId: account.id, version: account.version, identityId: user.id });
      if (result.ok) {
        toast({ tone: 'success', message: `Assigned user ${userName(user)} to account ${account.label}.` });
        onAssigned();
      } else {
        setError(failureMessage(result.error, account.label));
      }
    });

  const candidates = users?.filter((u) => u.isCandidate).length ?? 0;
  const status =
    users === null
      ? 'Loading candidates…'
      : users.length === 0
        ? searchedFor
          ? `No users match "${searchedFor}".`
          : 'Matching found no candidates for this account. Search by name, e-mail or username.'
        : [candidates > 0 && `${candidates} candidate${candidates === 1 ? '' : 's'}`, users.length - candidates > 0 && `${users.length - candidates} other user${users.length - candidates === 1 ? '' : 's'}`]
            .filter(Boolean)
            .join(', ');

  return (
    <div className="stack stack-sm">
      <form
        role="search"
        className="field"
        onSubmit={(event) => {
          event.preventDefault();
          search(text.trim());
        }}
      >
        <label className="field-label" htmlFor={searchId}>
          Search users
        </label>
        <Input id={searchId} type="search" value={text} onChange={(event) => setText(event.target.value)} autoComplete="off" spellCheck={false} maxLength={200} placeholder="Name, e-mail or username" />
      </form>
      {error && <Alert tone="error">{error}</Alert>}
      <p role="status" className="muted text-sm" aria-live="polite">
        {isSearching ? 'Searching…' : status}
      </p>
      {users && users.length > 0 && (
        <ul aria-label="Users" style={listStyle} className={isSearching ? 'is-pending' : undefined}>
          {users.map((user) => (
            <li key={user.id} className="row row-between" style={itemStyle}>
              <span style={{ minWidth: 0 }}>
                <span className="row row-wrap">
                  <strong>{userName(user)}</strong>
                  {user.isCandidate && <Badge tone="info">Candidate</Badge>}
                  {user.status === 'blocked' && <Badge tone="danger">Blocked</Badge>}
                  {user.lifecycle === 'past' && <Badge>Past</Badge>}
                </span>
                <span className="muted text-xs truncate" style={{ display: 'block' }}>
                  {[user.email, user.username, user.employeeId && `Employee ID ${user.employeeId}`].filter(Boolean).join(' · ')}
                  {user.accountCount > 0 && ` · ${user.accountCount} linked account${user.accountCount === 1 ? '' : 's'}`}
                </span>
              </span>
              <Button size="sm" variant={user.isCandidate ? 'primary' : 'secondary'} aria-label={`Assign ${userName(user)}`} disabled={isAssigning} onClick={() => assign(user)}>
                Assign
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
