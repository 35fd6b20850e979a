'use client';

import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { useAccessAction } from '../../../applications/[slug]/access/_components/use-access-action';
import { updateGroupsAction } from '../actions';

const formId = 'identity-groups-form';

/** "Edit groups": one group per line. Entitlement rules are re-evaluated for the identity on save. */
export function GroupsEditor({ identityId, version, groups }: { identityId: string; version: number; groups: string[] }) {
  const [open, setOpen] = useState(false);
  const { pending, error, setError, perform } = useAccessAction();
  const close = () => {
    setOpen(false);
    setError(null);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('groups') ?? '');
    const next = text
      .split('\n')
      .map((g) => g.trim())
      .filter(Boolean);
    perform(() => updateGroupsAction({ identityId, version, groups: next }), () => 'Groups saved; entitlement rules re-evaluated.', close);
  };
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>
        Edit groups
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title="Edit groups"
        description="Groups a source feed manages are set again by its next import. Entitlement rules are re-evaluated on save."
        footer={
          <>
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" form={formId} variant="primary" disabled={pending} aria-busy={pending || undefined}>
              Save groups
            </Button>
          </>
        }
      >
        <form id={formId} className="stack" onSubmit={onSubmit} noValidate>
          {error && <Alert tone="error">{error.message}</Alert>}
          <Field label="Groups" hint="One group per line.">
            {(control) => <textarea {...control} name="groups" className="input" rows={6} defaultValue={groups.join('\n')} />}
          </Field>
        </form>
      </Dialog>
    </>
  );
}
