import type { AuditRow } from './audit-row';

const preStyle = {
  margin: 0,
  padding: 'var(--space-2)',
  maxHeight: '16rem',
  maxWidth: '28rem',
  overflow: 'auto',
  background: 'var(--color-surface-muted)',
  borderRadius: 'var(--radius-sm)',
  fontSize: 'var(--text-xs)',
} as const;

/** "Details": the entry's before and after, as JSON, behind a native disclosure. */
export function AuditDetails({ row }: { row: AuditRow }) {
  if (row.before === null && row.after === null) return <span className="muted">—</span>;
  return (
    <details>
      <summary style={{ cursor: 'pointer' }}>
        Details<span className="visually-hidden"> of entry {row.id}</span>
      </summary>
      <div className="row row-wrap" style={{ alignItems: 'flex-start', marginTop: 'var(--space-2)' }}>
        {(['before', 'after'] as const).map((side) => (
          <div key={side} className="stack stack-sm">
            <span className="text-xs muted">{side === 'before' ? 'Before' : 'After'}</span>
            {row[side] === null ? (
              <span className="muted text-sm">Nothing</span>
            ) : (
              <pre className="mono" style={preStyle} tabIndex={0} aria-label={`${side === 'before' ? 'Before' : 'After'}, entry ${row.id}`}>
                {row[side]}
              </pre>
            )}
          </div>
        ))}
      </div>
    </details>
  );
}
