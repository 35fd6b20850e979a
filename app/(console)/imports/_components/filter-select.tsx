'use client';

import { useId } from 'react';
import { Select } from '@/components/ui/select';

export interface FilterSelectProps {
  /** The visible label and the select's accessible name, e.g. "Level". */
  label: string;
  value: string | null;
  /** The first option, meaning "not filtered", e.g. "All (1,204)". */
  allLabel: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  onChange: (value: string | null) => void;
}

/** A one-value filter above a table, as a labelled native select, in a toolbar of its own. */
export function FilterSelect(props: FilterSelectProps) {
  return (
    <div className="toolbar">
      <FilterSelectField {...props} />
    </div>
  );
}

/** The labelled select alone, for a toolbar with several filters. */
export function FilterSelectField({ label, value, allLabel, options, onChange }: FilterSelectProps) {
  const id = useId();
  return (
    <div className="pagination-size">
      <label htmlFor={id}>{label}</label>
      <Select
        id={id}
        density="sm"
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value || null)}
        options={[{ value: '', label: allLabel }, ...options]}
      />
    </div>
  );
}
