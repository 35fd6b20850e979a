import { useId, type ReactNode } from 'react';
import { cx } from './class-names';

export interface CardProps {
  /** When set, the card is a `<section>` named by this heading (a region landmark). */
  title?: ReactNode;
  titleLevel?: 2 | 3;
  description?: ReactNode;
  /** Controls at the right of the header. */
  actions?: ReactNode;
  footer?: ReactNode;
  /** No inner padding: for a table or a list that runs edge to edge. */
  flush?: boolean;
  className?: string;
  children?: ReactNode;
}

export function Card({ title, titleLevel = 2, description, actions, footer, flush, className, children }: CardProps) {
  const titleId = useId();
  const Heading = titleLevel === 2 ? 'h2' : 'h3';
  const hasHeader = title !== undefined || actions !== undefined;
  const Tag = title !== undefined ? 'section' : 'div';

  return (
    <Tag className={cx('card', flush && 'card-flush', className)} aria-labelledby={title !== undefined ? titleId : undefined}>
      {hasHeader && (
        <div className="card-header">
          <div className="card-heading">
            {title !== undefined && (
              <Heading id={titleId} className="card-title">
                {title}
              </Heading>
            )}
            {description && <p className="card-description">{description}</p>}
          </div>
          {actions && <div className="row row-wrap">{actions}</div>}
        </div>
      )}
      {children}
      {footer && <div className="card-footer">{footer}</div>}
    </Tag>
  );
}
