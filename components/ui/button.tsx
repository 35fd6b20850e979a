import type { ButtonHTMLAttributes, Ref } from 'react';
import { buttonClassName, type ButtonSize, type ButtonVariant } from './class-names';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Defaults to `secondary`; one `primary` per view. */
  variant?: ButtonVariant;
  size?: ButtonSize;
  ref?: Ref<HTMLButtonElement>;
}

/** A `<button>`; `type` defaults to `"button"` so that it never submits a form by accident. */
export function Button({ variant, size, className, type = 'button', ...rest }: ButtonProps) {
  return <button type={type} className={buttonClassName(variant, size, className)} {...rest} />;
}
