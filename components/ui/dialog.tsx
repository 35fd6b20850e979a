'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { cx } from './class-names';

export interface DialogProps {
  open: boolean;
  /** Called when the user closes it: Escape, the Close button, or (if allowed) the backdrop. */
  onClose: () => void;
  /** The accessible name of the dialog. */
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons at the bottom, typically Cancel + the primary action. */
  footer?: ReactNode;
  wide?: boolean;
  /** Close on a click outside the box. Off by default: a stray click must not lose a half-filled form. */
  dismissOnBackdrop?: boolean;
  className?: string;
}

/**
 * A modal on the native `<dialog>` and `showModal()`: the platform traps focus, makes the rest of
 * the page inert and closes on Escape. The dialog is named by its title and described by its
 * description, and focus goes back to whatever opened it.
 */
export function Dialog({ open, onClose, title, description, children, footer, wide, dismissOnBackdrop = false, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<Element | null>(null);
  const onCloseRef = useRef(onClose);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      openerRef.current = document.activeElement;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const handleClose = () => {
      const opener = openerRef.current;
      openerRef.current = null;
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      onCloseRef.current();
    };
    dialog.addEventListener('close', handleClose);
    return () => dialog.removeEventListener('close', handleClose);
  }, []);

  useEffect(() => {
    // Unmounting while open would leave the page inert; close first.
    const dialog = ref.current;
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={cx('dialog', wide && 'dialog-wide', className)}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClick={(event) => {
        if (dismissOnBackdrop && event.target === event.currentTarget) event.currentTarget.close();
      }}
    >
      {open && (
        <>
          <div className="dialog-header">
            <div>
              <h2 id={titleId} className="dialog-title">
                {title}
              </h2>
              {description && (
                <p id={descriptionId} className="dialog-description">
                  {description}
                </p>
              )}
            </div>
          </div>
          <div className="dialog-body">{children}</div>
          {footer && <div className="dialog-footer">{footer}</div>}
          {/* Last in tab order, so that showModal() focuses the first field rather than "Close". */}
          <button type="button" className="button button-ghost button-sm button-icon dialog-close" aria-label="Close" onClick={() => ref.current?.close()}>
            <svg viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
              <path d="M4 4l8 8M12 4l-8 8" />
            </svg>
          </button>
        </>
      )}
    </dialog>
  );
}
