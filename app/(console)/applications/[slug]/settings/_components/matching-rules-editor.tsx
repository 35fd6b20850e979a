'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import type { ApplicationRole } from '@/lib/enums';
import { matchAttributes, type MatchingRule } from '@/lib/matching/rules';
import { updateMatchingRulesAction } from '../actions';
import { MatchingRuleRow } from './matching-rule-row';
import { SettingsStatusMessage, type SettingsStatus } from './settings-status';

const MAX_RULES = 8;

type Row = MatchingRule & { key: string };

const toRows = (rules: MatchingRule[], version: number): Row[] => rules.map((rule, i) => ({ ...rule, key: `v${version}-${i}` }));
const pairOf = (rule: MatchingRule) => `${rule.account}=${rule.identity}`;

export interface MatchingRulesEditorProps {
  slug: string;
  version: number;
  role: ApplicationRole;
  rules: MatchingRule[];
  canEdit: boolean;
}

/** The ordered list of attribute pairs: reorder, change, add, remove, then save them all at once. */
export function MatchingRulesEditor({ slug, version, role, rules, canEdit }: MatchingRulesEditorProps) {
  const [rows, setRows] = useState(() => toRows(rules, version));
  const [seenVersion, setSeenVersion] = useState(version);
  const [status, setStatus] = useState<SettingsStatus>(null);
  const [pending, startTransition] = useTransition();

  if (seenVersion !== version) {
    // Saved here, or reloaded after someone else's change: show what is stored now.
    setSeenVersion(version);
    setRows(toRows(rules, version));
    if (status?.tone === 'error') setStatus(null);
  }

  const dirty = JSON.stringify(rows.map(pairOf)) !== JSON.stringify(rules.map(pairOf));
  const firstIndexOf = new Map<string, number>();
  rows.forEach((row, i) => {
    if (!firstIndexOf.has(pairOf(row))) firstIndexOf.set(pairOf(row), i);
  });

  const update = (next: Row[]) => {
    setRows(next);
    setStatus(null);
  };
  const move = (index: number, offset: -1 | 1) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    next.splice(index + offset, 0, row!);
    update(next);
  };
  const add = () => {
    const used = new Set(rows.map(pairOf));
    const fresh = matchAttributes.map((a) => ({ account: a, identity: a })).find((rule) => !used.has(pairOf(rule))) ?? { account: 'email', identity: 'email' };
    update([...rows, { ...fresh, key: `new-${Date.now()}-${rows.length}` }]);
  };
  const save = () => {
    const matchingRules = rows.map(({ account, identity }) => ({ account, identity }));
    startTransition(async () => {
      const result = await updateMatchingRulesAction({ slug, version, matchingRules });
      if (!result.ok) {
        setStatus({ tone: 'error', error: result.error });
        return;
      }
      setStatus({
        tone: 'success',
        message: role === 'target' ? 'Matching rules saved; accounts re-matched.' : 'Matching rules saved. They apply while this application is a target.',
      });
    });
  };

  return (
    <div className="stack">
      <SettingsStatusMessage status={status} />
      <ol className="stack stack-sm" style={{ margin: 0, padding: 0, listStyle: 'none' }} aria-label="Matching rules">
        {rows.map((row, index) => {
          const first = firstIndexOf.get(pairOf(row))!;
          return (
            <MatchingRuleRow
              key={row.key}
              rule={row}
              number={index + 1}
              count={rows.length}
              duplicateOf={first < index ? first + 1 : null}
              disabled={!canEdit || pending}
              onChange={(rule) => update(rows.map((r, i) => (i === index ? { ...rule, key: r.key } : r)))}
              onMove={(offset) => move(index, offset)}
              onRemove={() => update(rows.filter((_, i) => i !== index))}
            />
          );
        })}
      </ol>
      {canEdit && (
        <div className="row row-wrap">
          <Button onClick={add} disabled={pending || rows.length >= MAX_RULES}>
            Add rule
          </Button>
          <Button variant="primary" onClick={save} disabled={pending} aria-busy={pending || undefined}>
            {pending && <span className="spinner" aria-hidden="true" />}
            Save matching rules
          </Button>
          {dirty && <span className="muted text-sm">Unsaved changes</span>}
          {rows.length >= MAX_RULES && <span className="muted text-sm">At most {MAX_RULES} rules.</span>}
        </div>
      )}
    </div>
  );
}
