'use client';

import { useState, useTransition, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyOnceField } from '@/components/ui/copy-once-field';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import type { AppError } from '@/lib/errors';
import { createTokenAction } from '../token-actions';

type Created = { name: string; token: string };

/**
 * "Token name" + "Create token". The secret comes back once and is shown here, read-only, with a
 * Copy button (CopyOnceField); it is not stored anywhere the page could show it again.
 */
export function CreateTokenForm({ slug }: { slug: string }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [pending, startTransition] = useTransition();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
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
            <CopyOnceField
              label="New token"
              hint="Send it as: Authorization: Bearer <token>. Only a hash is stored; if it is lost, revoke it and create another."
              value={created.token}
            />
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
