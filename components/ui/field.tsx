import { useId, type ReactNode } from 'react';
import { cx } from './class-names';

/** What `Field` hands to its control so that label, hint and error are announced with it. */
export interface FieldControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
  required: boolean | undefined;
}

export interface FieldProps {
  label: ReactNode;
  /** Render the control with the props given: `{(control) => <Input name="email" {...control} />}`. */
  children: (control: FieldControlProps) => ReactNode;
  hint?: ReactNode;
  /** A message in words; the control is marked invalid while it is set. */
  error?: ReactNode;
  required?: boolean;
  /** A fixed id for the control; one is generated otherwise. */
  id?: string;
  className?: string;
}

/** Label + control + hint + error, wired with `htmlFor`, `aria-describedby` and `aria-invalid`. */
export function Field({ label, children, hint, error, required, id, className }: FieldProps) {
  const generated = useId();
  const controlId = id ?? `field${generated}`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;

  return (
    <div className={cx('field', className)}>
      <label className="field-label" htmlFor={controlId}>
        {label}
        {required && (
          <span className="field-required" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {children({ id: controlId, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, required })}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
