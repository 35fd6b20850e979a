'use client';

import { useFormStatus } from 'react-dom';
import type { ReactNode } from 'react';
import { buttonClassName, type ButtonSize, type ButtonVariant } from './class-names';

export interface SubmitButtonProps {
  children: ReactNode;
  /** Shown while the form is submitting; the label stays put when omitted. */
  pendingLabel?: ReactNode;
  variant?: ButtonVariant;
  size?: ButtonSize;
  disabled?: boolean;
  /** Submit a form elsewhere on the page (e.g. from a dialog footer). */
  form?: string;
  /** For a form with several submit buttons: `name`/`value` are posted with the one pressed. */
  name?: string;
  value?: string;
  formAction?: string | ((formData: FormData) => void | Promise<void>);
  className?: string;
}

/**
 * The submit button of a form whose action is a server action. While the action runs it is
 * disabled and shows a spinner, so a double click never sends the action twice.
 */
export function SubmitButton({ children, pendingLabel, variant = 'primary', size, disabled, className, ...rest }: SubmitButtonProps) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={buttonClassName(variant, size, className)} disabled={disabled || pending} aria-busy={pending || undefined} {...rest}>
      {pending && <span className="spinner" aria-hidden="true" />}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
