'use client';

import { useEffect, useId, useRef, useState, useTransition, type FormEvent, type TransitionStartFunction } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast-provider';
import type { ReconcileRow } from '@/lib/data/reconciliation';
import { createAndLinkAction } from '../actions';
import { failureMessage } from './failure-message';

const fields = [
  { name: 'username', label: 'Username', required: true, type: 'text' },
  { name: 'email', label: 'E-mail', required: false, type: 'email' },
  { name: 'displayName', label: 'Display name', required: false, type: 'text' },
  { name: 'givenName', label: 'Given name', required: false, type: 'text' },
  { name: 'familyName', label: 'Family name', required: false, type: 'text' },
  { name: 'employeeId', label: 'Employee ID', required: false, type: 'text' },
] as const;

type FieldName = (typeof fields)[number]['name'];
type Values = Record<FieldName, string>;

/** A new user's attributes as far as the account tells them; the admin checks and completes them. */
function prefill(account: ReconcileRow): Values {
  const displayName = account.displayName?.trim() ?? '';
  const [given = '', ...family] = displayName.split(/\s+/).filter(Boolean);
  return {
    username: account.username ?? account.key,
    email: account.email ?? '',
    displayName,
    givenName: family.length > 0 ? given : '',
    familyName: family.join(' '),
    employeeId: '',
  };
}

/** "Create new user and link": a form prefilled from the account; a taken username is shown beside it. */
export function CreateUserDialog({ account, onClose }: { account: ReconcileRow | null; onClose: () => void }) {
  const formId = useId();
  const [isPending, startTransition] = useTransition();
  return (
    <Dialog
      open={account !== null}
      onClose={onClose}
      wide
      title="Create new user and link"
      description={account ? `Adds a user to the directory and links ${account.label} to it. The form is filled in from the account.` : undefined}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" form={formId} disabled={isPending} aria-busy={isPending || undefined}>
            {isPending && <span className="spinner" aria-hidden="true" />}
            Create and link
          </Button>
        </>
      }
    >
      {account && (
        <CreateUserForm
          key={`${account.id}:${account.version}`}
          formId={formId}
          account={account}
          isPending={isPending}
          startTransition={startTransition}
          onCreated={onClose}
        />
      )}
    </Dialog>
  );
}

interface CreateUserFormProps {
  formId: string;
  account: ReconcileRow;
  isPending: boolean;
  startTransition: TransitionStartFunction;
  onCreated: () => void;
}

function CreateUserForm({ formId, account, isPending, startTransition, onCreated }: CreateUserFormProps) {
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Values>(() => prefill(account));
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  // After a refusal, focus goes to the field it is about, so its message is read out with it.
  useEffect(() => {
    const first = fields.find((f) => fieldErrors[f.name]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first.name}"]`)?.focus();
  }, [fieldErrors]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isPending) return;
    startTransition(async () => {
      const result = await createAndLinkAction({ accountId: account.id, version: account.version, identity: values });
      if (result.ok) {
        const name = values.displayName.trim() || values.username.trim();
        toast({ tone: 'success', message: `Created user ${name} and linked account ${account.label} to it.` });
        onCreated();
        return;
      }
      const { message, field } = result.error;
      // The action's validation names the field "identity.email"; the data layer's names it "email".
      const name = field?.replace(/^identity\./, '') as FieldName | undefined;
      if (name && fields.some((f) => f.name === name)) {
        setFieldErrors({ [name]: message.replace(/^[\w.]+: /, '') });
        setFormError(null);
      } else {
        setFieldErrors({});
        setFormError(failureMessage(result.error, account.label));
      }
    });
  };

  return (
    <form ref={formRef} id={formId} className="stack" onSubmit={submit} aria-busy={isPending || undefined} noValidate>
      {formError && <Alert tone="error">{formError}</Alert>}
      <div className="grid grid-2">
        {fields.map((f) => (
          <Field key={f.name} label={f.label} required={f.required} error={fieldErrors[f.name]}>
            {(control) => (
              <Input
                {...control}
                name={f.name}
                type={f.type}
                value={values[f.name]}
                autoComplete="off"
                readOnly={isPending}
                onChange={(event) => {
                  const value = event.target.value;
                  setValues((current) => ({ ...current, [f.name]: value }));
                }}
              />
            )}
          </Field>
        ))}
      </div>
      {isPending && (
        <p role="status" className="muted text-sm row">
          <span className="spinner" aria-hidden="true" /> Creating the user…
        </p>
      )}
    </form>
  );
}
