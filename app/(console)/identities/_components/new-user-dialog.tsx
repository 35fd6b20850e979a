'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast-provider';
import type { AppError } from '@/lib/errors';
import { fieldMessage, formMessage } from '../../applications/_components/field-message';
import { createIdentityAction } from '../actions';

const fields = [
  { name: 'username', label: 'Username', required: true, autoComplete: 'off' },
  { name: 'email', label: 'E-mail', type: 'email', autoComplete: 'off' },
  { name: 'displayName', label: 'Display name', autoComplete: 'off' },
  { name: 'givenName', label: 'Given name', autoComplete: 'off' },
  { name: 'familyName', label: 'Family name', autoComplete: 'off' },
  { name: 'employeeId', label: 'Employee ID', autoComplete: 'off' },
] as const;

const formId = 'new-user-form';

/** "New user": creates an identity by hand, then opens it. Accounts it matches are re-matched. */
export function NewUserDialog() {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [pending, startTransition] = useTransition();

  const close = () => {
    setOpen(false);
    setError(null);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = Object.fromEntries(fields.map(({ name }) => [name, String(form.get(name) ?? '')]));
    startTransition(async () => {
      const result = await createIdentityAction(input);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      close();
      toast({ tone: 'success', message: `Created user ${result.value.label}.` });
      router.push(`/identities/${result.value.id}`);
    });
  };

  const general = formMessage(
    error,
    fields.map((f) => f.name),
  );

  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)}>
        New user
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title="New user"
        description="Creates an identity by hand. No source feed will change or block it."
        footer={
          <>
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" form={formId} variant="primary" disabled={pending} aria-busy={pending || undefined}>
              {pending && <span className="spinner" aria-hidden="true" />}
              Create user
            </Button>
          </>
        }
      >
        <form id={formId} className="stack" onSubmit={onSubmit} noValidate>
          {general && <Alert tone="error">{general}</Alert>}
          <div className="grid grid-2">
            {fields.map((field) => (
              <Field key={field.name} label={field.label} required={'required' in field} error={fieldMessage(error, field.name)}>
                {(control) => <Input {...control} name={field.name} type={'type' in field ? field.type : 'text'} autoComplete={field.autoComplete} />}
              </Field>
            ))}
          </div>
        </form>
      </Dialog>
    </>
  );
}
