'use client';

import { useState, useTransition, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { ScrollableTable } from '@/components/ui/scrollable-table';
import { Select } from '@/components/ui/select';
import { useToast } from '@/components/ui/toast-provider';
import type { AppError } from '@/lib/errors';
import { changeRoleAction, removeAdminAction, setPasswordAction } from '../actions';

export type AdminRow = { id: string; email: string; name: string; role: 'admin' | 'viewer'; signIn: 'password' | 'sso'; createdAt: string; isYou: boolean };

/** Everyone who signs in; an admin changes a role in place, sets a password or removes someone (never themselves). */
export function AdminsTable({ admins, canEdit }: { admins: AdminRow[]; canEdit: boolean }) {
  return (
    <ScrollableTable label="People who sign in">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">E-mail</th>
          <th scope="col">Role</th>
          <th scope="col">Signs in with</th>
          <th scope="col">Added</th>
          {canEdit && (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {admins.map((admin) => (
          <tr key={admin.id}>
            <th scope="row">
              {admin.name} {admin.isYou && <Badge tone="info">you</Badge>}
            </th>
            <td>{admin.email}</td>
            <td>{canEdit && !admin.isYou ? <RoleSelect admin={admin} /> : admin.role === 'admin' ? 'Admin' : 'Viewer'}</td>
            <td>{admin.signIn === 'password' ? 'Password' : 'Single sign-on'}</td>
            <td className="nowrap">{new Date(admin.createdAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })}</td>
            {canEdit && (
              <td>
                <div className="row row-wrap">
                  <SetPasswordButton admin={admin} />
                  {!admin.isYou && <RemoveButton admin={admin} />}
                </div>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </ScrollableTable>
  );
}

function RoleSelect({ admin }: { admin: AdminRow }) {
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  return (
    <Select
      density="sm"
      aria-label={`Role of ${admin.name}`}
      value={admin.role}
      disabled={pending}
      aria-busy={pending || undefined}
      onChange={(event) => {
        const role = event.target.value as AdminRow['role'];
        startTransition(async () => {
          const result = await changeRoleAction({ adminId: admin.id, role });
          toast(result.ok ? { tone: 'success', message: `${admin.name} is ${role === 'admin' ? 'an admin' : 'a viewer'} now.` } : { tone: 'error', message: result.error.message });
        });
      }}
      options={[
        { value: 'admin', label: 'Admin' },
        { value: 'viewer', label: 'Viewer' },
      ]}
    />
  );
}

function SetPasswordButton({ admin }: { admin: AdminRow }) {
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [pending, startTransition] = useTransition();
  const close = () => {
    setOpen(false);
    setPassword('');
    setError(null);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await setPasswordAction({ adminId: admin.id, password });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      toast({ tone: 'success', message: `${admin.isYou ? 'Your' : `${admin.name}'s`} password is changed.` });
      close();
    });
  };
  const formId = `password-${admin.id}`;
  return (
    <>
      <Button size="sm" aria-label={`Set the password of ${admin.name}`} onClick={() => setOpen(true)}>
        Set password
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={`Set the password of ${admin.name}`}
        description={admin.isYou ? 'Your new password works from your next sign-in.' : `Tell ${admin.name} the new password yourself; the old one stops working at once.`}
        footer={
          <>
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" form={formId} variant="primary" disabled={pending} aria-busy={pending || undefined}>
              {pending && <span className="spinner" aria-hidden="true" />}
              Set password
            </Button>
          </>
        }
      >
        <form id={formId} onSubmit={onSubmit} noValidate>
          <Field label="New password" required hint="At least 8 characters." error={error?.field === 'password' ? error.message.replace('password: ', '') : undefined}>
            {(control) => <Input {...control} type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />}
          </Field>
          {error && error.field !== 'password' && <Alert tone="error">{error.message}</Alert>}
        </form>
      </Dialog>
    </>
  );
}

function RemoveButton({ admin }: { admin: AdminRow }) {
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const close = () => {
    setOpen(false);
    setError(null);
  };
  const remove = () =>
    startTransition(async () => {
      const result = await removeAdminAction({ adminId: admin.id });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      toast({ tone: 'success', message: `${admin.name} can no longer sign in.` });
      close();
    });
  return (
    <>
      <Button size="sm" variant="danger" aria-label={`Remove ${admin.name}`} onClick={() => setOpen(true)}>
        Remove
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={`Remove ${admin.name}?`}
        description={`${admin.name} (${admin.email}) can no longer sign in, and is signed out at their next click. The audit log keeps what they did.`}
        footer={
          <>
            <Button onClick={close}>Cancel</Button>
            <Button variant="danger" onClick={remove} disabled={pending} aria-busy={pending || undefined}>
              {pending && <span className="spinner" aria-hidden="true" />}
              Remove
            </Button>
          </>
        }
      >
        {error && <Alert tone="error">{error}</Alert>}
      </Dialog>
    </>
  );
}
