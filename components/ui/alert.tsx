import type { ReactNode } from 'react';
import { cx } from './class-names';

export type AlertTone = 'error' | 'success' | 'info' | 'warning';

export interface AlertProps {
  tone: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /** E.g. a "Try again" button, shown under the message. */
  actions?: ReactNode;
  className?: string;
  id?: string;
}

/**
 * A message in words. Errors use `role="alert"` (announced at once); the others use
 * `role="status"` (announced politely).
 */
export function Alert({ tone, title, children, actions, className, id }: AlertProps) {
  return (
    <div id={id} role={tone === 'error' ? 'alert' : 'status'} className={cx('alert', `alert-${tone}`, className)}>
      <div className="alert-body">
        {title && <p className="alert-title">{title}</p>}
        {children && <div>{children}</div>}
        {actions && <div className="row row-wrap">{actions}</div>}
      </div>
    </div>
  );
}
