'use client';

import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

export type MappingRowValue = { attribute: string; field: string; required: boolean; custom: boolean };

export interface MappingRowProps {
  row: MappingRowValue;
  canEdit: boolean;
  disabled: boolean;
  onChange: (row: MappingRowValue) => void;
  onRemove: () => void;
}

/** One account attribute: the input field that feeds it, whether it is required, and (custom ones) removal. */
export function MappingRow({ row, canEdit, disabled, onChange, onRemove }: MappingRowProps) {
  const isKey = row.attribute === 'username';
  return (
    <tr>
      <th scope="row" className="mono">
        {row.attribute}
        {row.custom && <span className="muted text-sm"> (custom)</span>}
      </th>
      <td>
        <Input
          density="sm"
          aria-label={`Input field for ${row.attribute}`}
          value={row.field}
          placeholder={isKey ? 'Required: the account key' : 'Not mapped'}
          readOnly={!canEdit}
          disabled={disabled}
          onChange={(event) => onChange({ ...row, field: event.target.value })}
        />
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`Required: ${row.attribute}`}
          checked={isKey || row.required}
          disabled={isKey || !canEdit || disabled}
          onChange={(event) => onChange({ ...row, required: event.target.checked })}
        />
      </td>
      {canEdit && (
        <td>
          {row.custom && (
            <Button size="sm" variant="ghost" aria-label={`Remove ${row.attribute}`} disabled={disabled} onClick={onRemove}>
              Remove
            </Button>
          )}
        </td>
      )}
    </tr>
  );
}
