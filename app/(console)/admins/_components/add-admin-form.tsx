'use client';

import { useState, useTransition, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { useToast } from '@/components/ui/toast-provider';
import type { AppError } from '@/lib/errors';
import { addAdminAction } from '../actions';

const empty = { email: '', name: '', role: 'viewer' as 'admin' | 'viewer', password: '' };

/** E-mail, name, role and a first password (optional with single sign-on); errors beside their field. */
export function AddAdminForm({ ssoName }: { ssoName: string | null }) {
  const toast = useToast();
  const [values, setValues] = useState(empty);
  const [error, setError] = useState<AppError | null>(null);
  const [pending, startTransition] = useTransition();
  const set = (key: keyof typeof empty) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }));
  const fieldError = (field: string) => (error?.field === field ? error.message.replace(`${field}: `, '') : undefined);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await addAdminAction(values);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      toast({ tone: 'success', message: `${values.name.trim()} can sign in now, as ${values.role}.` });
      setValues(empty);
    });
  };

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-label="Add someone">
      <div className="row row-wrap" style={{ alignItems: 'flex-start' }}>
        <Field label="E-mail" required error={fieldError('email')}>
          {(control) => <Input {...control} type="email" name="email" autoComplete="off" value={values.email} onChange={set('email')} style={{ minWidth: '16rem' }} />}
        </Field>
        <Field label="Name" required error={fieldError('name')}>
          {(control) => <Input {...control} name="name" autoComplete="off" value={values.name} onChange={set('name')} />}
        </Field>
        <Field label="Role" error={fieldError('role')}>
          {(control) => (
            <Select
              {...control}
              name="role"
              value={values.role}
              onChange={set('role')}
              options={[
                { value: 'viewer', label: 'Viewer' },
                { value: 'admin', label: 'Admin' },
              ]}
            />
          )}
        </Field>
        <Field
          label="Password"
          required={ssoName === null}
          hint={ssoName ? `At least 8 characters; empty: ${ssoName} only.` : 'At least 8 characters.'}
          error={fieldError('password')}
        >
          {(control) => <Input {...control} type="password" name="password" autoComplete="new-password" value={values.password} onChange={set('password')} />}
        </Field>
      </div>
      {error && !['email', 'name', 'role', 'password'].includes(error.field ?? '') && <Alert tone="error">{error.message}</Alert>}
      <div className="row">
        <Button type="submit" variant="primary" disabled={pending} aria-busy={pending || undefined}>
          {pending && <span className="spinner" aria-hidden="true" />}
          Add
        </Button>
      </div>
    </form>
  );
}
