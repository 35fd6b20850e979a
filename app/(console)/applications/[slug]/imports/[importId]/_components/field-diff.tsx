import type { ChangeKind } from '@/db/schema/enums';

/** How many differing fields show before the rest fold away under "N more fields". */
const VISIBLE = 6;

type Json = Record<string, unknown> | null;

/** The fields whose values differ between before and after, in a stable order; empty values count as absent. */
export function differingFields(before: Json, after: Json): Array<{ field: string; before: string | null; after: string | null }> {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys
    .map((field) => ({ field, before: show(before?.[field]), after: show(after?.[field]) }))
    .filter((d) => d.before !== d.after);
}

function show(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(String).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The field-level diff of one account change: only the fields that differ, before → after. */
export function FieldDiff({ kind, before, after }: { kind: ChangeKind; before: Json; after: Json }) {
  const fields = differingFields(before, after);
  if (fields.length === 0) return <span className="muted">{kind === 'restore' ? 'Back in the feed, unchanged' : 'No field changed'}</span>;
  const line = (d: (typeof fields)[number]) => (
    <li key={d.field}>
      <span className="mono">{d.field}</span>: <Value value={d.before} /> <span aria-hidden="true">→</span>
      <span className="visually-hidden">changed to</span> <Value value={d.after} />
    </li>
  );
  return (
    <div className="text-sm">
      <ul className="stack stack-sm" style={{ gap: 2, margin: 0, padding: 0, listStyle: 'none' }}>
        {fields.slice(0, VISIBLE).map(line)}
      </ul>
      {fields.length > VISIBLE && (
        <details>
          <summary>{fields.length - VISIBLE} more fields</summary>
          <ul className="stack stack-sm" style={{ gap: 2, margin: 0, padding: 0, listStyle: 'none' }}>
            {fields.slice(VISIBLE).map(line)}
          </ul>
        </details>
      )}
    </div>
  );
}

function Value({ value }: { value: string | null }) {
  if (value === null) return <span className="muted">(empty)</span>;
  return <q className="mono">{value}</q>;
}
