import type { ReactNode } from 'react';
import { cx } from './class-names';

export interface EmptyStateProps {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons or links that get the user going, e.g. "Clear filters" or "Upload a feed". */
  actions?: ReactNode;
  /** Defaults to a neutral inbox glyph. */
  icon?: ReactNode;
  /** `p` (default) inside a section; a heading when the empty state is the page's main content. */
  titleAs?: 'p' | 'h1' | 'h2' | 'h3';
  className?: string;
}

export function EmptyState({ title, description, actions, icon, titleAs: Title = 'p', className }: EmptyStateProps) {
  return (
    <div className={cx('empty-state', className)}>
      {icon ?? (
        <svg className="empty-state-icon" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
          <path d="M3 13l2.5-7.5A2 2 0 0 1 7.4 4h9.2a2 2 0 0 1 1.9 1.5L21 13v5a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-5z" />
          <path d="M3 13h5l1 2h6l1-2h5" />
        </svg>
      )}
      <Title className="empty-state-title">{title}</Title>
      {description && <div className="empty-state-description">{description}</div>}
      {actions && <div className="empty-state-actions">{actions}</div>}
    </div>
  );
}
