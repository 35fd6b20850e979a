import type { HTMLAttributes } from 'react';
import { cx, type Tone } from './class-names';

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  tone?: Tone;
  /** A leading dot, for statuses. */
  dot?: boolean;
}

/** A short status label. The words carry the meaning; the colour only echoes it. */
export function Badge({ tone = 'neutral', dot, className, ...rest }: BadgeProps) {
  return <span className={cx('badge', `badge-${tone}`, dot && 'badge-dot', className)} {...rest} />;
}
