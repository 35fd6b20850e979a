'use client';

import { useRef, useState } from 'react';
import { Button } from './button';
import { Field } from './field';
import { Input } from './input';

export interface CopyOnceFieldProps {
  /** The field's label, e.g. "New token". */
  label: string;
  hint: string;
  /** The secret, shown read-only. */
  value: string;
}

/**
 * A secret shown once (an upload token, a webhook signing secret): read-only, selected on focus,
 * with a Copy button. Without clipboard access (an insecure origin, a denied permission) the text
 * is selected for Ctrl+C instead, and the live region says so.
 */
export function CopyOnceField({ label, hint, value }: CopyOnceFieldProps) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      inputRef.current?.select();
      setCopied('failed');
    }
  };
  return (
    <>
      <Field label={label} hint={hint}>
        {(control) => (
          <div className="row">
            <Input
              {...control}
              ref={inputRef}
              readOnly
              value={value}
              className="mono"
              spellCheck={false}
              onFocus={(event) => event.currentTarget.select()}
              style={{ flex: 1, minWidth: '24rem' }}
            />
            <Button onClick={() => void copy()}>Copy</Button>
          </div>
        )}
      </Field>
      <p className="muted text-sm" aria-live="polite">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Could not reach the clipboard: the text is selected, press Ctrl+C (⌘C).' : ''}
      </p>
    </>
  );
}
