'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { formatCount } from '@/components/ui/class-names';

export interface DataTableFilterOption {
  value: string;
  label: string;
  /** Rows with this value under the current search; shown as "No match (1,234)". */
  count?: number;
}

export interface DataTableFilter {
  /** The URL parameter, e.g. `situation`. */
  name: string;
  /** The control's name, e.g. "Situation". */
  label: string;
  options: readonly DataTableFilterOption[];
}

export interface DataTableFacetedFilterProps {
  filter: DataTableFilter;
  selected: readonly string[];
  onChange: (values: string[]) => void;
}

/**
 * A button ("Situation filter", plus "2 selected" when some are) that opens a group of checkboxes
 * named "Situation", one per value, each labelled with its count: "No match (1,234)". Changes apply at
 * once. Escape, a click outside or tabbing away closes it; Escape gives focus back to the button.
 */
export function DataTableFacetedFilter({ filter, selected, onChange }: DataTableFacetedFilterProps) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const legendId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const toggleValue = (value: string, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(value);
    else next.delete(value);
    // Keep the options' order, so the URL is the same whatever the clicking order.
    onChange(filter.options.map((option) => option.value).filter((v) => next.has(v)));
  };

  return (
    <div
      ref={rootRef}
      className="filter"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
      onBlur={(event) => {
        if (open && !rootRef.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="button button-secondary filter-trigger"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        {filter.label}
        {/* "Situation filter": distinct from the "Situation" sort button in the column header. */}
        <span className="visually-hidden"> filter</span>
        {selected.length > 0 && (
          <span className="badge badge-info">
            {selected.length}
            <span className="visually-hidden"> selected</span>
          </span>
        )}
        <svg viewBox="0 0 12 12" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true" style={{ width: 12, height: 12 }}>
          <path d="M3 4.5l3 3 3-3" />
        </svg>
      </button>
      <div id={panelId} className="filter-panel" hidden={!open}>
        <fieldset aria-labelledby={legendId}>
          <legend id={legendId}>{filter.label}</legend>
          {filter.options.map((option) => (
            <label key={option.value} className="filter-option">
              <input
                type="checkbox"
                name={filter.name}
                value={option.value}
                checked={selected.includes(option.value)}
                onChange={(event) => toggleValue(option.value, event.target.checked)}
              />
              <span>{option.label}</span>
              {option.count !== undefined && <span className="filter-count">({formatCount(option.count)})</span>}
            </label>
          ))}
        </fieldset>
        {selected.length > 0 && (
          <div className="filter-actions">
            <button type="button" className="button button-ghost button-sm" onClick={() => onChange([])}>
              Clear {filter.label.toLowerCase()} filter
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
