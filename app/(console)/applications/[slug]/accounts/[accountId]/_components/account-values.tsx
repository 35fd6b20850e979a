import type { AccountValues } from '@/lib/data/accounts';

const dash = <span className="muted">—</span>;

/** The standard attributes in their usual order, then custom ones alphabetically, as terms and values. */
export function AccountValueList({ values, compact = false }: { values: AccountValues; compact?: boolean }) {
  const standard: Array<[string, string | null, boolean]> = [
    ['Username', values.username, true],
    ['E-mail', values.email, false],
    ['Display name', values.displayName, false],
    ['Given name', values.givenName, false],
    ['Family name', values.familyName, false],
    ['Employee ID', values.employeeId, true],
    ['Groups', values.groups.length > 0 ? values.groups.join(', ') : null, false],
  ];
  const custom = Object.entries(values.attributes).sort(([a], [b]) => a.localeCompare(b));
  if (compact) {
    // In a table cell: only what was received, on as few lines as it takes.
    const received = [
      ...standard.filter(([, value]) => value !== null && value !== ''),
      ...custom.map(([name, value]): [string, string, boolean] => [name, String(value), false]),
    ];
    return (
      <ul className="row row-wrap text-sm" style={{ margin: 0, padding: 0, listStyle: 'none', rowGap: 2 }}>
        {received.map(([label, value, mono]) => (
          <li key={label}>
            <span className="muted">{label}:</span> <span className={mono ? 'mono' : undefined}>{value}</span>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <dl className="kv">
      {standard.map(([label, value, mono]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt>{label}</dt>
          <dd className={mono && value ? 'mono' : undefined}>{value ?? dash}</dd>
        </div>
      ))}
      {custom.map(([name, value]) => (
        <div key={name} style={{ display: 'contents' }}>
          <dt className="mono">{name}</dt>
          <dd>{String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
