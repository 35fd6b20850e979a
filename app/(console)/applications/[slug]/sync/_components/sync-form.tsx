'use client';

import { useState, useTransition, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { feedFormats, type FeedFormat } from '@/lib/enums';
import type { AppError } from '@/lib/errors';
import { defaultSyncIntervalMinutes, syncIntervals } from '@/lib/sync/schedule';
import { fieldMessage, formMessage } from '../../../_components/field-message';
import { PrivateNetworkToggle } from '../../_components/private-network-toggle';
import { feedFormatWords } from '../../../../imports/_components/import-words';
import { saveSyncConfigAction } from '../actions';
import { SyncMessageAlert, type SyncMessage } from './sync-message';

export interface SyncFormProps {
  slug: string;
  /** null: no configuration yet, saving creates one */
  config: {
    url: string;
    format: FeedFormat | null;
    intervalMinutes: number;
    allowPrivateNetwork: boolean;
    hasAuthorization: boolean;
    version: number;
  } | null;
  canEdit: boolean;
}

const fields = ['url', 'format', 'intervalMinutes', 'authorization', 'allowPrivateNetwork'];
const fieldError = (error: AppError | null, name: string) => fieldMessage(error, `config.${name}`, name);

/** Where the feed is pulled from, in which format, how often, with which credentials. */
export function SyncForm({ slug, config, canEdit }: SyncFormProps) {
  const [error, setError] = useState<AppError | null>(null);
  const [message, setMessage] = useState<SyncMessage>(null);
  const [allowPrivate, setAllowPrivate] = useState(config?.allowPrivateNetwork ?? false);
  const [removeAuthorization, setRemoveAuthorization] = useState(false);
  const [pending, startTransition] = useTransition();
  const [seenVersion, setSeenVersion] = useState(config?.version ?? 0);
  if (seenVersion !== (config?.version ?? 0)) {
    // A save or a reload brought a new version: an old conflict no longer applies.
    setSeenVersion(config?.version ?? 0);
    setError(null);
    setRemoveAuthorization(false);
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const format = String(form.get('format') ?? '');
    const input = {
      slug,
      config: {
        url: String(form.get('url') ?? ''),
        format: format === '' ? null : format,
        intervalMinutes: Number(form.get('intervalMinutes')),
        allowPrivateNetwork: allowPrivate,
        // Blank keeps the stored header; the checkbox removes it.
        authorization: removeAuthorization ? null : String(form.get('authorization') ?? ''),
        ...(config ? { version: config.version } : {}),
      },
    };
    setMessage(null);
    startTransition(async () => {
      const result = await saveSyncConfigAction(input);
      setError(result.ok ? null : result.error);
      const general = result.ok ? null : formMessage(result.error, fields.flatMap((f) => [f, `config.${f}`]));
      if (result.ok) setMessage({ tone: 'success', message: config ? 'Configuration saved.' : 'Configuration saved. The first pull is one interval from now; use Sync now to pull at once.' });
      else if (general) setMessage({ tone: 'error', error: result.error });
    });
  };

  return (
    <form key={config?.version ?? 0} className="stack" onSubmit={onSubmit} noValidate aria-label="Sync configuration">
      <SyncMessageAlert message={message} />
      <fieldset className="stack" disabled={!canEdit}>
        <Field label="Feed URL" required hint="The complete list of accounts, fetched on every run." error={fieldError(error, 'url')}>
          {(control) => (
            <Input {...control} name="url" type="url" inputMode="url" defaultValue={config?.url ?? ''} placeholder="https://hr.example.com/export/people.csv" autoComplete="off" spellCheck={false} className="mono" />
          )}
        </Field>
        <div className="grid grid-2">
          <Field label="Format" hint="Detected from the Content-Type, the file name or the content unless you choose one." error={fieldError(error, 'format')}>
            {(control) => (
              <Select
                {...control}
                name="format"
                defaultValue={config?.format ?? ''}
                options={[{ value: '', label: 'Detect automatically' }, ...feedFormats.map((value) => ({ value, label: feedFormatWords[value] ?? value }))]}
              />
            )}
          </Field>
          <Field label="Every" error={fieldError(error, 'intervalMinutes')}>
            {(control) => (
              <Select
                {...control}
                name="intervalMinutes"
                defaultValue={String(config?.intervalMinutes ?? defaultSyncIntervalMinutes)}
                options={syncIntervals.map((i) => ({ value: String(i.minutes), label: i.label }))}
              />
            )}
          </Field>
        </div>
        <Field
          label="Authorization header"
          hint={
            config?.hasAuthorization
              ? canEdit
                ? 'A value is stored. Leave blank to keep it; type a new one to replace it. It is never shown again.'
                : 'A value is stored; it is never shown.'
              : 'Optional, e.g. "Bearer <token>": sent with every pull. Stored on the server and never shown again.'
          }
          error={fieldError(error, 'authorization')}
        >
          {(control) => (
            <Input
              {...control}
              name="authorization"
              type="password"
              autoComplete="new-password"
              spellCheck={false}
              disabled={removeAuthorization}
              placeholder={config?.hasAuthorization ? '•••••••• (stored)' : undefined}
            />
          )}
        </Field>
        {config?.hasAuthorization && canEdit && (
          <label className="checkbox-label">
            <input type="checkbox" checked={removeAuthorization} onChange={(event) => setRemoveAuthorization(event.target.checked)} />
            Remove the stored Authorization header
          </label>
        )}
        <PrivateNetworkToggle
          checked={allowPrivate}
          onChange={setAllowPrivate}
          warningTitle="Only for a feed inside your own network."
          warning="The pull may then reach loopback, private and link-local addresses, including a cloud metadata service at 169.254.169.254, and plain http. Anyone who can edit this configuration could point it at an internal service."
          offHint="Off: addresses inside a private network (10.x, 172.16–31.x, 192.168.x, localhost, link-local) are refused, and only https is used."
        />
      </fieldset>
      {canEdit && (
        <div className="row">
          <Button type="submit" variant="primary" disabled={pending} aria-busy={pending || undefined}>
            {pending && <span className="spinner" aria-hidden="true" />}
            Save configuration
          </Button>
        </div>
      )}
    </form>
  );
}
