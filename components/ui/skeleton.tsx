import type { CSSProperties } from 'react';
import { cx } from './class-names';

export interface SkeletonProps {
  width?: CSSProperties['width'];
  height?: CSSProperties['height'];
  className?: string;
}

/** A grey placeholder bar. Hidden from assistive technology: announce loading on the container. */
export function Skeleton({ width = '100%', height, className }: SkeletonProps) {
  return <span aria-hidden="true" className={cx('skeleton', className)} style={{ width, height }} />;
}
