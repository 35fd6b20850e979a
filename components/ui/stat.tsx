import type { ReactNode } from 'react';
import { cx, formatCount } from './class-names';

export interface StatProps {
  label: ReactNode;
  /** Numbers are shown with thousands separators. */
  value: ReactNode;
  /** A small line under the number, e.g. "since the last import". */
  hint?: ReactNode;
  className?: string;
}

/** A label over a big number, with an optional hint under it. */
export function Stat({ label, value, hint, className }: StatProps) {
  return (
    <div className={cx('stat', className)}>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{typeof value === 'number' ? formatCount(value) : value}</span>
      {hint && <span className="stat-hint">{hint}</span>}
    </div>
  );
}
