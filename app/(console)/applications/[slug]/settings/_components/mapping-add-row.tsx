'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';

export interface MappingAddRowProps {
  /** Attribute names already in the table: a new one must differ. */
  taken: string[];
  disabled: boolean;
  onAdd: (attribute: string, field: string) => void;
}

/** Adds a custom attribute (any name beyond the account attributes Concord knows) fed by an input field. */
export function MappingAddRow({ taken, disabled, onAdd }: MappingAddRowProps) {
  const [attribute, setAttribute] = useState('');
  const [field, setField] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = () => {
    const name = attribute.trim();
    if (!name) return setError('Enter a name for the attribute.');
    if (taken.includes(name)) return setError(`There is already an attribute named "${name}".`);
    if (!field) return setError('Enter the input field that feeds it.');
    onAdd(name, field);
    setAttribute('');
    setField('');
    setError(null);
  };

  return (
    <fieldset className="stack stack-sm" style={{ border: 0, padding: 0, margin: 0 }}>
      <legend className="field-label">Add custom attribute</legend>
      <div className="row row-wrap" style={{ alignItems: 'flex-end' }}>
        <Field label="Attribute name" error={error ?? undefined}>
          {(control) => <Input density="sm" {...control} value={attribute} disabled={disabled} onChange={(e) => setAttribute(e.target.value)} />}
        </Field>
        <Field label="Input field">
          {(control) => <Input density="sm" {...control} value={field} disabled={disabled} onChange={(e) => setField(e.target.value)} />}
        </Field>
        <Button size="sm" disabled={disabled} onClick={add}>
          Add attribute
        </Button>
      </div>
    </fieldset>
  );
}
