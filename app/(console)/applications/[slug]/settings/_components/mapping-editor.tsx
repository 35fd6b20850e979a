'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { ScrollableTable } from '@/components/ui/scrollable-table';
import type { StoredFieldMapping } from '@/db/schema/applications';
import { accountAttributes } from '@/lib/feeds/mapping';
import { resetMappingAction, updateMappingAction } from '../mapping-actions';
import { MappingAddRow } from './mapping-add-row';
import { MappingResetButton } from './mapping-reset-button';
import { MappingRow, type MappingRowValue } from './mapping-row';
import { SettingsStatusMessage, type SettingsStatus } from './settings-status';

type Form = { rows: MappingRowValue[]; separator: string; ignored: string; leaverAttribute: string; leaverValues: string };

const known = new Set<string>(accountAttributes);

function toForm(mapping: StoredFieldMapping): Form {
  const required = new Set(mapping.required);
  const row = (attribute: string, custom: boolean) => ({ attribute, field: mapping.fields[attribute] ?? '', required: required.has(attribute), custom });
  return {
    rows: [...accountAttributes.map((a) => row(a, false)), ...Object.keys(mapping.fields).filter((a) => !known.has(a)).map((a) => row(a, true))],
    separator: mapping.multiValueSeparator,
    ignored: mapping.ignored.join(', '),
    leaverAttribute: mapping.leavers?.attribute ?? '',
    leaverValues: mapping.leavers?.values.join(', ') ?? '',
  };
}

const splitList = (text: string) => text.split(',').map((item) => item.trim()).filter(Boolean);

/** The mapping the form describes; an attribute with an empty input field is not mapped. */
function toMapping(form: Form): StoredFieldMapping {
  const mapped = form.rows.filter((r) => r.field.trim() !== '');
  const mapping: StoredFieldMapping = {
    fields: Object.fromEntries(mapped.map((r) => [r.attribute, r.field.trim()])),
    required: form.rows.filter((r) => r.attribute === 'username' || r.required).map((r) => r.attribute),
    multiValueSeparator: form.separator,
    ignored: splitList(form.ignored),
  };
  // Values without an attribute, or an attribute without values, are sent as they are: the server names what is missing.
  return form.leaverAttribute || form.leaverValues.trim() ? { ...mapping, leavers: { attribute: form.leaverAttribute, values: splitList(form.leaverValues) } } : mapping;
}

export interface MappingEditorProps {
  slug: string;
  /** A source's mapping also says who left (leavers); a target's does not. */
  role: 'source' | 'target';
  version: number;
  mapping: StoredFieldMapping;
  canEdit: boolean;
}

/** The control file as a form: admins edit and save it all at once, or reset it; viewers read it. */
export function MappingEditor({ slug, role, version, mapping, canEdit }: MappingEditorProps) {
  const [form, setForm] = useState(() => toForm(mapping));
  const [seenVersion, setSeenVersion] = useState(version);
  const [status, setStatus] = useState<SettingsStatus>(null);
  const [pending, startTransition] = useTransition();

  if (seenVersion !== version) {
    // Saved or imported here, or reloaded after someone else's change: show what is stored now.
    setSeenVersion(version);
    setForm(toForm(mapping));
    if (status?.tone === 'error') setStatus(null);
  }

  const update = (next: Partial<Form>) => {
    setForm({ ...form, ...next });
    setStatus(null);
  };
  const dirty = JSON.stringify(toMapping(form)) !== JSON.stringify(toMapping(toForm(mapping)));
  const submit = (work: () => Promise<SettingsStatus>) => startTransition(async () => setStatus(await work()));
  const save = () =>
    submit(async () => {
      const result = await updateMappingAction({ slug, version, mapping: toMapping(form) });
      return result.ok ? { tone: 'success', message: 'Mapping saved.' } : { tone: 'error', error: result.error };
    });
  const reset = () =>
    submit(async () => {
      const result = await resetMappingAction({ slug, version });
      return result.ok ? { tone: 'success', message: "Mapping reset: the next feed's header generates it again." } : { tone: 'error', error: result.error };
    });

  return (
    <div className="stack">
      <SettingsStatusMessage status={status} />
      <ScrollableTable label="Field mapping">
        <thead>
          <tr>
            <th scope="col">Account attribute</th>
            <th scope="col">Input field</th>
            <th scope="col">Required</th>
            {canEdit && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {form.rows.map((row, index) => (
            <MappingRow
              key={row.attribute}
              row={row}
              canEdit={canEdit}
              disabled={pending}
              onChange={(next) => update({ rows: form.rows.map((r, i) => (i === index ? next : r)) })}
              onRemove={() => update({ rows: form.rows.filter((_, i) => i !== index) })}
            />
          ))}
        </tbody>
      </ScrollableTable>
      {canEdit && (
        <MappingAddRow
          taken={form.rows.map((r) => r.attribute)}
          disabled={pending}
          onAdd={(attribute, field) => update({ rows: [...form.rows, { attribute, field, required: false, custom: true }] })}
        />
      )}
      <div className="row row-wrap" style={{ alignItems: 'flex-start' }}>
        <Field label="Separator for groups" hint="Multi-valued fields are split on it.">
          {(control) => (
            <Input density="sm" {...control} value={form.separator} readOnly={!canEdit} disabled={pending} onChange={(e) => update({ separator: e.target.value })} style={{ width: '6rem' }} />
          )}
        </Field>
        <Field label="Ignored input fields" hint="Comma-separated; never imported and never warned about.">
          {(control) => <Input density="sm" {...control} value={form.ignored} readOnly={!canEdit} disabled={pending} onChange={(e) => update({ ignored: e.target.value })} />}
        </Field>
      </div>
      {role === 'source' && (
        <div className="row row-wrap" style={{ alignItems: 'flex-start' }}>
          <Field label="Leavers: status attribute" hint="A custom attribute that says whether someone still works here.">
            {(control) => (
              <Select
                density="sm"
                {...control}
                value={form.leaverAttribute}
                disabled={pending || !canEdit}
                onChange={(e) => update({ leaverAttribute: e.target.value })}
                placeholder="None: only leaving the feed blocks"
                options={form.rows.filter((r) => r.custom && r.field.trim() !== '').map((r) => ({ value: r.attribute, label: `${r.attribute} (${r.field.trim()})` }))}
              />
            )}
          </Field>
          <Field label="Leavers: values" hint="Comma-separated, case aside. A row with one of them blocks its identity.">
            {(control) => (
              <Input
                density="sm"
                {...control}
                value={form.leaverValues}
                readOnly={!canEdit}
                disabled={pending}
                onChange={(e) => update({ leaverValues: e.target.value })}
                placeholder="Inactive, Terminated"
              />
            )}
          </Field>
        </div>
      )}
      {canEdit && (
        <div className="row row-wrap">
          <Button variant="primary" onClick={save} disabled={pending} aria-busy={pending || undefined}>
            {pending && <span className="spinner" aria-hidden="true" />}
            Save mapping
          </Button>
          <MappingResetButton disabled={pending} hasUnsavedChanges={dirty} onConfirm={reset} />
          {dirty && <span className="muted text-sm">Unsaved changes</span>}
        </div>
      )}
    </div>
  );
}
