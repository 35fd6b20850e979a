import { cx } from './class-names';

export interface ProgressBarProps {
  /** The accessible name, e.g. "Import progress". */
  label: string;
  /** `null` or omitted: indeterminate (work started, size unknown). */
  value?: number | null;
  max?: number;
  /** What a screen reader says instead of a percentage, e.g. "1,200 of 5,000 rows". */
  valueText?: string;
  className?: string;
}

export function ProgressBar({ label, value, max = 100, valueText, className }: ProgressBarProps) {
  const determinate = typeof value === 'number' && Number.isFinite(value) && max > 0;
  const clamped = determinate ? Math.min(Math.max(value, 0), max) : 0;
  const percent = determinate ? (clamped / max) * 100 : undefined;

  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={determinate ? clamped : undefined}
      aria-valuetext={determinate ? valueText : (valueText ?? 'In progress')}
      className={cx('progress', !determinate && 'progress-indeterminate', className)}
    >
      <div className="progress-bar" style={percent !== undefined ? { width: `${percent}%` } : undefined} />
    </div>
  );
}
