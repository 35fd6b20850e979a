/** Joins class names, skipping empty ones: `cx('button', isSmall && 'button-sm')`. */
export function cx(...names: Array<string | false | null | undefined>): string | undefined {
  return names.filter(Boolean).join(' ') || undefined;
}

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';
export type ButtonSize = 'md' | 'sm';

/** The classes of a button-looking control, shared by `Button`, `LinkButton` and `SubmitButton`. */
export function buttonClassName(variant: ButtonVariant = 'secondary', size: ButtonSize = 'md', extra?: string): string {
  return ['button', `button-${variant}`, size === 'sm' && 'button-sm', extra].filter(Boolean).join(' ');
}

export type Tone = 'neutral' | 'success' | 'warning' | 'danger' | 'info';

/** Whole numbers with thousands separators, the same on server and client ("1,234"). */
export const formatCount = new Intl.NumberFormat('en-US').format;
