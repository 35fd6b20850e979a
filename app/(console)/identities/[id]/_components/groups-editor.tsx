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
export function GroupsEditor({
  identityId,
  version,
  groups,
  managed,
}: {
  identityId: string;
  version: number;
  groups: string[];
  /** Its source's managed groups and that source's name: only that feed changes them. */
  managed: { groups: string[]; source: string } | null;
}) {
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
        description={
          managed && managed.groups.length > 0
            ? `The feed of ${managed.source} manages ${managed.groups.map((g) => `"${g}"`).join(', ')}: only it adds or removes those. Entitlement rules are re-evaluated on save.`
            : 'Entitlement rules are re-evaluated on save.'
        }
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
