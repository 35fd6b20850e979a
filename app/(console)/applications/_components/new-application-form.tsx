'use client';

import Link from 'next/link';
import { useId, useState, useTransition, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import type { ApplicationRole } from '@/lib/enums';
import type { AppError } from '@/lib/errors';
import { createApplicationAction } from '../actions';
import { fieldMessage, formMessage } from './field-message';
import { roleDescriptions, roleLabels } from './role-badge';
import { suggestSlug } from './suggest-slug';

type Created = { slug: string; name: string; role: ApplicationRole };

export function NewApplicationForm() {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [role, setRole] = useState<ApplicationRole>('source');
  const [error, setError] = useState<AppError | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [pending, startTransition] = useTransition();
  const roleHintId = useId();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    startTransition(async () => {
      const result = await createApplicationAction({ name, slug, role });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setCreated(result.value);
      setName('');
      setSlug('');
      setSlugEdited(false);
    });
  };

  const generalError = formMessage(error, ['name', 'slug', 'role']);

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-label="New application">
      {created && (
        <Alert tone="success" title={`Created ${created.name}.`}>
          {created.role === 'source' ? 'Import its feed to create identities: ' : 'Import its accounts to reconcile them: '}
          <Link href={`/applications/${created.slug}/imports`}>go to the imports of {created.name}</Link>.
        </Alert>
      )}
      {generalError && <Alert tone="error">{generalError}</Alert>}
      <div className="grid grid-2">
        <Field label="Name" required error={fieldMessage(error, 'name')}>
          {(control) => (
            <Input
              {...control}
              name="name"
              autoComplete="off"
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                if (!slugEdited) setSlug(suggestSlug(event.target.value));
              }}
            />
          )}
        </Field>
        <Field
          label="Slug"
          required
          hint="Used in addresses and the upload API. Lower-case letters, digits and hyphens."
          error={fieldMessage(error, 'slug')}
        >
          {(control) => (
            <Input
              {...control}
              name="slug"
              className="mono"
              autoComplete="off"
              spellCheck={false}
              value={slug}
              onChange={(event) => {
                setSlug(event.target.value);
                setSlugEdited(event.target.value !== '');
              }}
            />
          )}
        </Field>
      </div>
      <fieldset className="stack stack-sm" aria-describedby={fieldMessage(error, 'role') ? roleHintId : undefined}>
        <legend>Role</legend>
        {(['source', 'target'] as const).map((value) => (
          <div key={value} className="stack" style={{ gap: 0 }}>
            <label className="checkbox-label">
              <input
                type="radio"
                name="role"
                value={value}
                checked={role === value}
                onChange={() => setRole(value)}
                aria-describedby={`${roleHintId}-${value}`}
              />
              {roleLabels[value]}
            </label>
            <p id={`${roleHintId}-${value}`} className="field-hint" style={{ marginLeft: '1.5rem' }}>
              {roleDescriptions[value]}
            </p>
          </div>
        ))}
        {fieldMessage(error, 'role') && (
          <p id={roleHintId} className="field-error">
            {fieldMessage(error, 'role')}
          </p>
        )}
      </fieldset>
      <div className="row">
        <Button type="submit" variant="primary" disabled={pending} aria-busy={pending || undefined}>
          {pending && <span className="spinner" aria-hidden="true" />}
          Create application
        </Button>
      </div>
    </form>
  );
}
