'use client';

import { useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';

/** The endpoint's new secret, shown this once with a Copy button; the page never shows it again. */
export function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // No clipboard (insecure origin, denied permission): select the text for Ctrl+C instead.
      inputRef.current?.select();
      setCopied('failed');
    }
  };
  return (
    <Alert tone="warning" title="Copy the signing secret now: it will not be shown again.">
      <div className="stack stack-sm">
        <Field label="Signing secret" hint="The receiver checks Concord-Signature with it (README, Webhooks). If it is lost, regenerate it.">
          {(control) => (
            <div className="row">
              <Input {...control} ref={inputRef} readOnly value={secret} className="mono" spellCheck={false} onFocus={(e) => e.currentTarget.select()} style={{ flex: 1, minWidth: '24rem' }} />
              <Button onClick={() => void copy()}>Copy</Button>
            </div>
          )}
        </Field>
        <p className="muted text-sm" aria-live="polite">
          {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Could not reach the clipboard: the secret is selected, press Ctrl+C (⌘C).' : ''}
        </p>
        <div className="row">
          <Button size="sm" onClick={onDone}>
            Done, I have copied it
          </Button>
        </div>
      </div>
    </Alert>
  );
}
