'use client';

import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { ScrollableTable } from '@/components/ui/scrollable-table';
import { Select } from '@/components/ui/select';
import type { EntitlementRule } from '@/lib/data/entitlements';
import { ruleOperators, type RuleOperator } from '@/lib/enums';
import { fieldMessage, formMessage } from '../../../_components/field-message';
import { createRuleAction, deleteRuleAction, updateRuleAction } from '../actions';
import { describeRuleScope, operatorLabels } from './access-badges';
import { countOf, useAccessAction } from './use-access-action';

type Editing = { mode: 'new' } | { mode: 'edit'; rule: EntitlementRule } | null;

const evaluated = (r: { granted: number; suspended: number }) =>
  `Rules re-evaluated: ${countOf(r.granted, 'identity', 'identities')} granted or changed, ${r.suspended.toLocaleString('en')} suspended.`;

/** The application's entitlement rules in priority order (lower number wins), with add, edit and delete. */
export function RulesEditor({ slug, rules, attributes, canEdit }: { slug: string; rules: EntitlementRule[]; attributes: string[]; canEdit: boolean }) {
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<EntitlementRule | null>(null);
  const nextPriority = rules.length === 0 ? 10 : Math.max(...rules.map((r) => r.priority)) + 10;

  return (
    <div className="stack">
      {rules.length === 0 ? (
        <EmptyState title="No entitlement rules" description="Add a rule to assign the members of a group, and grant them a role, automatically." />
      ) : (
        <ScrollableTable label="Entitlement rules">
          <thead>
            <tr>
              <th scope="col">Priority</th>
              <th scope="col">Applies to</th>
              <th scope="col">Grants role</th>
              <th scope="col" className="num">
                Granted to
              </th>
              <th scope="col">State</th>
              {canEdit && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <tr key={rule.id}>
                <td className="num">{rule.priority}</td>
                <th scope="row">{describeRuleScope(rule)}</th>
                <td>
                  <span className="mono">{rule.grantsRole}</span>
                </td>
                <td className="num">{rule.grantedCount.toLocaleString('en')}</td>
                <td>{rule.enabled ? <Badge tone="success">Enabled</Badge> : <Badge>Disabled</Badge>}</td>
                {canEdit && (
                  <td>
                    <div className="row">
                      <Button size="sm" onClick={() => setEditing({ mode: 'edit', rule })} aria-label={`Edit rule ${rule.priority}`}>
                        Edit
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setDeleting(rule)} aria-label={`Delete rule ${rule.priority}`}>
                        Delete
                      </Button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </ScrollableTable>
      )}
      {canEdit && (
        <div>
          <Button onClick={() => setEditing({ mode: 'new' })}>Add rule</Button>
        </div>
      )}
      {editing && <RuleDialog slug={slug} editing={editing} attributes={attributes} nextPriority={nextPriority} onClose={() => setEditing(null)} />}
      {deleting && <DeleteRuleDialog slug={slug} rule={deleting} onClose={() => setDeleting(null)} />}
    </div>
  );
}

const ruleFields = ['priority', 'groupName', 'conditionAttribute', 'conditionOperator', 'conditionValue', 'grantsRole'];
const formId = 'entitlement-rule-form';

function RuleDialog({ slug, editing, attributes, nextPriority, onClose }: { slug: string; editing: NonNullable<Editing>; attributes: string[]; nextPriority: number; onClose: () => void }) {
  const rule = editing.mode === 'edit' ? editing.rule : null;
  const { pending, error, setError, perform } = useAccessAction();
  const [operator, setOperator] = useState<RuleOperator>(rule?.conditionOperator ?? 'equals');

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    const priority = Number(text('priority'));
    if (!Number.isInteger(priority)) {
      setError({ code: 'invalid', message: 'A whole number; lower wins.', field: 'priority' });
      return;
    }
    const values = {
      priority,
      groupName: text('groupName'),
      conditionAttribute: text('conditionAttribute'),
      conditionOperator: operator,
      conditionValue: text('conditionValue'),
      grantsRole: text('grantsRole'),
      enabled: form.get('enabled') === 'on',
    };
    perform(
      () => (rule ? updateRuleAction({ slug, ruleId: rule.id, rule: { ...values, version: rule.version } }) : createRuleAction({ slug, rule: values })),
      evaluated,
      onClose,
    );
  };

  const field = (name: string) => fieldMessage(error, name, `rule.${name}`);
  return (
    <Dialog
      open
      onClose={onClose}
      title={rule ? 'Edit rule' : 'Add rule'}
      description="Members of the group (and, optionally, only where an attribute meets the condition) are assigned and get the role. Saving re-evaluates every identity."
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form={formId} variant="primary" disabled={pending} aria-busy={pending || undefined}>
            {pending && <span className="spinner" aria-hidden="true" />}
            Save rule
          </Button>
        </>
      }
    >
      <form id={formId} className="stack" onSubmit={onSubmit} noValidate>
        {formMessage(error, [...ruleFields, ...ruleFields.map((f) => `rule.${f}`)]) && <Alert tone="error">{error?.message}</Alert>}
        <div className="grid grid-2">
          <Field label="Priority" hint="Lower wins when several rules apply." error={field('priority')} required>
            {(control) => <Input {...control} name="priority" inputMode="numeric" defaultValue={String(rule?.priority ?? nextPriority)} />}
          </Field>
          <Field label="Group" hint="Exact group name, any case." error={field('groupName')}>
            {(control) => <Input {...control} name="groupName" defaultValue={rule?.groupName ?? ''} autoComplete="off" />}
          </Field>
          <Field label="Condition attribute" hint="Optional: a field or a custom attribute from a feed." error={field('conditionAttribute')}>
            {(control) => <Input {...control} name="conditionAttribute" list="condition-attributes" defaultValue={rule?.conditionAttribute ?? ''} autoComplete="off" />}
          </Field>
          <Field label="Condition" error={field('conditionOperator')}>
            {(control) => (
              <Select {...control} value={operator} onChange={(e) => setOperator(e.target.value as RuleOperator)} options={ruleOperators.map((op) => ({ value: op, label: operatorLabels[op] }))} />
            )}
          </Field>
          <Field label="Condition value" error={field('conditionValue')}>
            {(control) => <Input {...control} name="conditionValue" defaultValue={rule?.conditionValue ?? ''} disabled={operator === 'present'} autoComplete="off" />}
          </Field>
          <Field label="Grants role" error={field('grantsRole')} required>
            {(control) => <Input {...control} name="grantsRole" defaultValue={rule?.grantsRole ?? ''} autoComplete="off" />}
          </Field>
        </div>
        <label className="checkbox-label">
          <input type="checkbox" name="enabled" defaultChecked={rule?.enabled ?? true} /> Enabled
        </label>
        <datalist id="condition-attributes">
          {attributes.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </form>
    </Dialog>
  );
}

function DeleteRuleDialog({ slug, rule, onClose }: { slug: string; rule: EntitlementRule; onClose: () => void }) {
  const { pending, error, perform } = useAccessAction();
  return (
    <Dialog
      open
      onClose={onClose}
      title="Delete rule?"
      description={`${describeRuleScope(rule)} → ${rule.grantsRole}. Identities no other rule applies to become suspended (never deleted).`}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="danger" disabled={pending} onClick={() => perform(() => deleteRuleAction({ slug, ruleId: rule.id }), evaluated, onClose)}>
            Delete rule
          </Button>
        </>
      }
    >
      {error && <Alert tone="error">{error.message}</Alert>}
    </Dialog>
  );
}
