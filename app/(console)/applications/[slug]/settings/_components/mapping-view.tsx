import { buttonClassName } from '@/components/ui/class-names';
import type { StoredFieldMapping } from '@/db/schema';

/**
 * The application's field mapping (the control file), read-only: which input field feeds which
 * account attribute. Editing comes later; "Export mapping" downloads it as JSON.
 */
export function MappingView({ slug, mapping }: { slug: string; mapping: StoredFieldMapping | null }) {
  if (!mapping) {
    return (
      <p className="muted">
        No mapping yet. The first import derives one from the feed&apos;s field names (such as <span className="mono">email</span>,{' '}
        <span className="mono">username</span>, <span className="mono">employeeId</span>) and keeps it for the imports after.
      </p>
    );
  }
  const json = JSON.stringify(mapping, null, 2);
  const required = new Set(mapping.required);
  return (
    <div className="stack">
      <div className="table-scroll" role="region" aria-label="Field mapping" tabIndex={0} style={{ minHeight: 0 }}>
        <table className="table">
          <caption className="visually-hidden">Field mapping</caption>
          <thead>
            <tr>
              <th scope="col">Account attribute</th>
              <th scope="col">Input field</th>
              <th scope="col">Required</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(mapping.fields).map(([attribute, field]) => (
              <tr key={attribute}>
                <th scope="row" className="mono">
                  {attribute}
                </th>
                <td className="mono">{field}</td>
                <td>{required.has(attribute) ? 'Yes' : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted text-sm">
        Multi-valued attributes (groups) are split on <span className="mono">{JSON.stringify(mapping.multiValueSeparator)}</span>.
        {mapping.ignored.length > 0 && <> Ignored input fields: {mapping.ignored.map((f) => `"${f}"`).join(', ')}.</>}
      </p>
      <pre className="mono" aria-label="Field mapping as JSON" tabIndex={0} style={{ margin: 0, padding: 'var(--space-3)', background: 'var(--color-surface-muted)', borderRadius: 'var(--radius)', overflow: 'auto', maxHeight: '20rem' }}>
        {json}
      </pre>
      <div className="row">
        <a className={buttonClassName('secondary', 'sm')} href={`data:application/json;charset=utf-8,${encodeURIComponent(`${json}\n`)}`} download={`${slug}-mapping.json`}>
          Export mapping
        </a>
      </div>
    </div>
  );
}
