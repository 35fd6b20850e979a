import type { ChangeKind } from '@/lib/enums';

/** How many fields show before the rest fold away under "N more fields". */
const VISIBLE = 6;

/** The standard account attributes first, in this order; custom attributes after them, alphabetically. */
const standardOrder = ['username', 'email', 'displayName', 'givenName', 'familyName', 'employeeId', 'groups'];

type Json = Record<string, unknown> | null;
type Difference = { field: string; before: string | null; after: string | null };

/** The fields whose values differ between before and after; empty values count as absent. */
export function differingFields(before: Json, after: Json): Difference[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort(byStandardOrder);
  return keys.map((field) => ({ field, before: show(before?.[field]), after: show(after?.[field]) })).filter((d) => d.before !== d.after);
}

function byStandardOrder(a: string, b: string): number {
  const rank = (key: string) => (standardOrder.includes(key) ? standardOrder.indexOf(key) : standardOrder.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}

function show(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(String).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * One account change, field by field: for an update or a restore only the fields that differ,
 * before → after; for an added account the values it arrived with, for a removed one the values it
 * had (the Change column already says which).
 */
export function FieldDiff({ kind, before, after }: { kind: ChangeKind; before: Json; after: Json }) {
  const fields = differingFields(before, after);
  if (fields.length === 0) return <span className="muted">{kind === 'restore' ? 'Back in the feed, unchanged' : 'No field changed'}</span>;
  const line = (d: Difference) => (
    <li key={d.field}>
      <span className="mono">{d.field}</span>:{' '}
      {kind === 'add' ? (
        <Value value={d.after} />
      ) : kind === 'remove' ? (
        <Value value={d.before} />
      ) : (
        <>
          <Value value={d.before} /> <span aria-hidden="true">→</span>
          <span className="visually-hidden">changed to</span> <Value value={d.after} />
        </>
      )}
    </li>
  );
  const list = { gap: 2, margin: 0, padding: 0, listStyle: 'none' } as const;
  return (
    <div className="text-sm">
      <ul className="stack stack-sm" style={list}>
        {fields.slice(0, VISIBLE).map(line)}
      </ul>
      {fields.length > VISIBLE && (
        <details>
          <summary>{fields.length - VISIBLE} more fields</summary>
          <ul className="stack stack-sm" style={list}>
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
