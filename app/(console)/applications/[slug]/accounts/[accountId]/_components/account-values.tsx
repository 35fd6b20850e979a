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
  // In a table cell only what was received is listed; on the account's card every attribute shows.
  const shown = compact ? standard.filter(([, value]) => value !== null && value !== '') : standard;
  return (
    <dl className={compact ? 'kv text-sm' : 'kv'}>
      {shown.map(([label, value, mono]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt>{label}</dt>
          <dd className={mono ? 'mono' : undefined}>{value ?? dash}</dd>
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
