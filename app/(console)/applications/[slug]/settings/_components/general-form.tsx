'use client';

import { useState, useTransition, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { applicationRoles, type ApplicationRole } from '@/lib/enums';
import type { AppError } from '@/lib/errors';
import { fieldMessage, formMessage } from '../../../_components/field-message';
import { roleDescriptions, roleLabels } from '../../../_components/role-badge';
import { updateGeneralSettingsAction } from '../actions';
import { SettingsStatusMessage, type SettingsStatus } from './settings-status';

export interface GeneralFormProps {
  slug: string;
  version: number;
  name: string;
  role: ApplicationRole;
  /** 0..1 */
  safeguardThreshold: number;
  canEdit: boolean;
}

const toPercent = (share: number) => Math.round(share * 1000) / 10;

export function GeneralForm({ slug, version, name, role, safeguardThreshold, canEdit }: GeneralFormProps) {
  const [error, setError] = useState<AppError | null>(null);
  const [status, setStatus] = useState<SettingsStatus>(null);
  const [pending, startTransition] = useTransition();
  const [seenVersion, setSeenVersion] = useState(version);
  if (seenVersion !== version) {
    // A save or a reload brought a new version: an old conflict no longer applies.
    setSeenVersion(version);
    setError(null);
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const percentText = String(form.get('safeguardPercent') ?? '').trim();
    const input = {
      slug,
      version,
      name: String(form.get('name') ?? ''),
      role: String(form.get('role') ?? ''),
      safeguardPercent: percentText === '' ? Number.NaN : Number(percentText),
    };
    setStatus(null);
    startTransition(async () => {
      const result = await updateGeneralSettingsAction(input);
      setError(result.ok ? null : result.error);
      setStatus(result.ok ? { tone: 'success', message: 'Changes saved.' } : null);
    });
  };

  const general = formMessage(error, ['name', 'role', 'safeguardPercent', 'safeguardThreshold']);

  return (
    // Keyed by version: after a save, or a reload after someone else's change, the fields show what is stored.
    <form key={version} className="stack" onSubmit={onSubmit} noValidate aria-label="General">
      <SettingsStatusMessage status={general && error ? { tone: 'error', error } : status} />
      <fieldset className="stack" disabled={!canEdit}>
        <div className="grid grid-2">
          <Field label="Name" required error={fieldMessage(error, 'name')}>
            {(control) => <Input {...control} name="name" defaultValue={name} autoComplete="off" />}
          </Field>
          <Field label="Role" hint="Changing the role changes what the next import does with this application's feed." error={fieldMessage(error, 'role')}>
            {(control) => (
              <Select
                {...control}
                name="role"
                defaultValue={role}
                options={applicationRoles.map((value) => ({ value, label: `${roleLabels[value]}: ${roleDescriptions[value]}` }))}
              />
            )}
          </Field>
        </div>
        <Field
          label="Safeguard threshold (%)"
          hint="An import that would remove more than this share of the application's active accounts is held until an admin overrides it, so that an empty or truncated feed never deprovisions anyone. Default 20."
          error={fieldMessage(error, 'safeguardPercent', 'safeguardThreshold')}
        >
          {(control) => (
            <Input
              {...control}
              name="safeguardPercent"
              type="number"
              inputMode="decimal"
              min={0}
              max={100}
              step="any"
              defaultValue={toPercent(safeguardThreshold)}
              style={{ maxWidth: '8rem' }}
            />
          )}
        </Field>
      </fieldset>
      {canEdit && (
        <div className="row">
          <Button type="submit" variant="primary" disabled={pending} aria-busy={pending || undefined}>
            {pending && <span className="spinner" aria-hidden="true" />}
            Save changes
          </Button>
        </div>
      )}
    </form>
  );
}
