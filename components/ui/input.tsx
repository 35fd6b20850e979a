import type { InputHTMLAttributes, Ref } from 'react';
import { cx } from './class-names';

export interface InputProps extends InputHTMLAttributes<HTMLInputElement> {
  /** `sm` for dense toolbars. */
  density?: 'md' | 'sm';
  ref?: Ref<HTMLInputElement>;
}

/** A text-like `<input>`. Label it with `Field`, `aria-label` or `aria-labelledby`. */
export function Input({ className, density = 'md', ...rest }: InputProps) {
  return <input className={cx('input', density === 'sm' && 'input-sm', className)} {...rest} />;
}
