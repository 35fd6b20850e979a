import type { ReactNode } from 'react';

export interface ScrollableTableProps {
  /** The table's caption (visually hidden) and the name of the region around it. */
  label: string;
  /** The `<thead>` and `<tbody>`. */
  children: ReactNode;
}

/**
 * A plain `.table` that scrolls sideways inside a named region the keyboard can reach (tabIndex 0),
 * so a wide table stays readable on a narrow screen and `getByRole('table', { name })` finds it.
 * Server-paged tables use `DataTable` instead, which wraps itself the same way.
 */
export function ScrollableTable({ label, children }: ScrollableTableProps) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0} style={{ minHeight: 0 }}>
      <table className="table">
        <caption className="visually-hidden">{label}</caption>
        {children}
      </table>
    </div>
  );
}
