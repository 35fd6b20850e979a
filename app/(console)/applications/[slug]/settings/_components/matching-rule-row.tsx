'use client';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { matchAttributeLabels, matchAttributes, type MatchAttribute, type MatchingRule } from '@/lib/matching/rules';

const options = matchAttributes.map((value) => ({ value, label: matchAttributeLabels[value] }));

export interface MatchingRuleRowProps {
  rule: MatchingRule;
  /** 1-based, as shown and as spoken in the controls' names. */
  number: number;
  count: number;
  /** The number of an earlier rule with the same pair, if any. */
  duplicateOf: number | null;
  disabled: boolean;
  onChange: (rule: MatchingRule) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}

export function MatchingRuleRow({ rule, number, count, duplicateOf, disabled, onChange, onMove, onRemove }: MatchingRuleRowProps) {
  const ofRule = <span className="visually-hidden"> of rule {number}</span>;
  return (
    <li className="stack stack-sm" style={{ padding: 'var(--space-3)', border: '1px solid var(--color-border)', borderRadius: 'var(--radius)' }}>
      <div className="row row-wrap" style={{ alignItems: 'flex-end', gap: 'var(--space-3)' }}>
        <span className="badge badge-neutral" aria-hidden="true" style={{ marginBottom: '0.4rem' }}>
          {number}
        </span>
        <Field label={<>Account attribute{ofRule}</>}>
          {(control) => (
            <Select
              {...control}
              value={rule.account}
              disabled={disabled}
              options={options}
              onChange={(event) => onChange({ ...rule, account: event.target.value as MatchAttribute })}
            />
          )}
        </Field>
        <span aria-hidden="true" style={{ marginBottom: '0.4rem' }}>
          =
        </span>
        <Field label={<>Identity attribute{ofRule}</>}>
          {(control) => (
            <Select
              {...control}
              value={rule.identity}
              disabled={disabled}
              options={options}
              onChange={(event) => onChange({ ...rule, identity: event.target.value as MatchAttribute })}
            />
          )}
        </Field>
        {!disabled && (
          <div className="row" style={{ marginLeft: 'auto' }}>
            <Button size="sm" variant="ghost" aria-label={`Move up rule ${number}`} disabled={number === 1} onClick={() => onMove(-1)}>
              Move up
            </Button>
            <Button size="sm" variant="ghost" aria-label={`Move down rule ${number}`} disabled={number === count} onClick={() => onMove(1)}>
              Move down
            </Button>
            <Button size="sm" variant="ghost" aria-label={`Remove rule ${number}`} disabled={count === 1} onClick={onRemove}>
              Remove rule
            </Button>
          </div>
        )}
      </div>
      {duplicateOf !== null && (
        <p className="field-error" role="status">
          Rule {number} repeats rule {duplicateOf}: each attribute pair may appear only once.
        </p>
      )}
    </li>
  );
}
