'use client';

import { useRef, useState, useTransition, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import type { AppError } from '@/lib/errors';
import { createTokenAction } from '../token-actions';

type Created = { name: string; token: string };

/**
 * "Token name" + "Create token". The secret comes back once and is shown here, read-only, with a
 * Copy button; it is not stored anywhere the page could show it again.
 */
export function CreateTokenForm({ slug }: { slug: string }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const [pending, startTransition] = useTransition();
  const tokenRef = useRef<HTMLInputElement>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCopied(null);
    startTransition(async () => {
      const result = await createTokenAction({ slug, name });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setCreated({ name: name.trim(), token: result.value.token });
      setName('');
    });
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied('yes');
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select the text for Ctrl+C instead.
      tokenRef.current?.select();
      setCopied('failed');
    }
  };

  return (
    <div className="stack">
      <form className="row row-wrap" style={{ alignItems: 'flex-end' }} onSubmit={onSubmit} noValidate aria-label="Create an upload token">
        <Field label="Token name" error={error?.field === 'name' ? error.message : undefined}>
          {(control) => (
            <Input {...control} name="name" value={name} maxLength={100} autoComplete="off" placeholder="e.g. HR nightly upload" onChange={(event) => setName(event.target.value)} style={{ minWidth: '18rem' }} />
          )}
        </Field>
        <Button type="submit" variant="primary" disabled={pending} aria-busy={pending || undefined}>
          {pending && <span className="spinner" aria-hidden="true" />}
          Create token
        </Button>
      </form>
      {error && error.field !== 'name' && <Alert tone="error">{error.message}</Alert>}
      {created && (
        <Alert tone="warning" title={`Token "${created.name}" created. Copy it now: it will not be shown again.`}>
          <div className="stack stack-sm">
            <Field label="New token" hint="Send it as: Authorization: Bearer <token>. Only a hash is stored; if it is lost, revoke it and create another.">
              {(control) => (
                <div className="row">
                  <Input
                    {...control}
                    ref={tokenRef}
                    readOnly
                    value={created.token}
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
              {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Could not reach the clipboard: the token is selected, press Ctrl+C (⌘C).' : ''}
            </p>
            <div className="row">
              <Button size="sm" onClick={() => setCreated(null)}>
                Done, I have copied it
              </Button>
            </div>
          </div>
        </Alert>
      )}
    </div>
  );
}
