import type { Ref, SelectHTMLAttributes } from 'react';
import { cx } from './class-names';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  /** Rendered before `children`. */
  options?: readonly SelectOption[];
  /** A first, empty option ("Choose…"); selecting it submits `""`. */
  placeholder?: string;
  density?: 'md' | 'sm';
  ref?: Ref<HTMLSelectElement>;
}

/** A native `<select>`: keyboard, screen readers and mobile pickers come for free. */
export function Select({ options, placeholder, density = 'md', className, children, ...rest }: SelectProps) {
  return (
    <select className={cx('select', density === 'sm' && 'select-sm', className)} {...rest}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options?.map((option) => (
        <option key={option.value} value={option.value} disabled={option.disabled}>
          {option.label}
        </option>
      ))}
      {children}
    </select>
  );
}
