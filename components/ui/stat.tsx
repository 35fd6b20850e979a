import type { ReactNode } from 'react';
import { cx, formatCount } from './class-names';

export interface StatProps {
  label: ReactNode;
  /** Numbers are shown with thousands separators. */
  value: ReactNode;
  /** A small line above the number, e.g. "since last import". */
  hint?: ReactNode;
  className?: string;
}

/** A big number with its label. The label comes first in reading order, the number first on screen. */
export function Stat({ label, value, hint, className }: StatProps) {
  return (
    <div className={cx('stat', className)}>
      <span className="stat-value">{typeof value === 'number' ? formatCount(value) : value}</span>
      <span className="stat-label">{label}</span>
      {hint && <span className="stat-hint">{hint}</span>}
    </div>
  );
}
