'use client';

import { useState, useTransition, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import type { AppError } from '@/lib/errors';
import { fieldMessage, formMessage } from '../../../_components/field-message';
import { PrivateNetworkToggle } from '../../_components/private-network-toggle';
import { regenerateSecretAction, saveWebhookEndpointAction, sendTestEventAction } from '../actions';
import { SecretOnce } from './secret-once';

export interface EndpointFormProps {
  slug: string;
  endpoint: { url: string; enabled: boolean; maxAttempts: number; allowPrivateNetwork: boolean; secretHint: string; version: number } | null;
  canEdit: boolean;
}

const fields = ['url', 'enabled', 'maxAttempts', 'allowPrivateNetwork'];
const fieldError = (error: AppError | null, name: string) => fieldMessage(error, `endpoint.${name}`, name);

type Notice = { tone: 'success' | 'error'; text: string } | null;

/** Where the application's events go: URL, enabled, attempts, private network; the secret, once; a test event. */
export function EndpointForm({ slug, endpoint, canEdit }: EndpointFormProps) {
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [allowPrivate, setAllowPrivate] = useState(endpoint?.allowPrivateNetwork ?? false);
  const [pending, startTransition] = useTransition();
  const [confirmingRegenerate, setConfirmingRegenerate] = useState(false);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      slug,
      endpoint: {
        url: String(form.get('url') ?? ''),
        enabled: form.get('enabled') === 'on',
        maxAttempts: Number(form.get('maxAttempts')),
        allowPrivateNetwork: allowPrivate,
        ...(endpoint ? { version: endpoint.version } : {}),
      },
    };
    setNotice(null);
    startTransition(async () => {
      const result = await saveWebhookEndpointAction(input);
      setError(result.ok ? null : result.error);
      if (result.ok) {
        setSecret(result.value.secret);
        setNotice({ tone: 'success', text: 'Endpoint saved.' });
      } else {
        const general = formMessage(result.error, fields.flatMap((f) => [f, `endpoint.${f}`]));
        if (general) setNotice({ tone: 'error', text: general });
      }
    });
  };

  const run = (work: () => Promise<{ ok: true; value: unknown } | { ok: false; error: AppError }>, success: string) => {
    setNotice(null);
    startTransition(async () => {
      const result = await work();
      setNotice(result.ok ? { tone: 'success', text: success } : { tone: 'error', text: result.error.message });
    });
  };

  const regenerate = () => {
    if (!endpoint) return;
    setConfirmingRegenerate(false);
    setNotice(null);
    startTransition(async () => {
      const result = await regenerateSecretAction({ slug, version: endpoint.version });
      if (result.ok) setSecret(result.value.secret);
      else setNotice({ tone: 'error', text: result.error.message });
    });
  };

  return (
    <div className="stack">
      {secret && <SecretOnce secret={secret} onDone={() => setSecret(null)} />}
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      <form key={endpoint?.version ?? 0} className="stack" onSubmit={onSubmit} noValidate aria-label="Webhook endpoint">
        <fieldset className="stack" disabled={!canEdit}>
          <Field label="Endpoint URL" required hint="Concord POSTs each event here as signed JSON." error={fieldError(error, 'url')}>
            {(control) => (
              <Input {...control} name="url" type="url" inputMode="url" defaultValue={endpoint?.url ?? ''} placeholder="https://crm.example.com/concord/events" autoComplete="off" spellCheck={false} className="mono" />
            )}
          </Field>
          <Field label="Maximum attempts" hint="Tries before an event is given up (failed); retries wait 30 s, 1 min, 2 min … up to 1 hour." error={fieldError(error, 'maxAttempts')}>
            {(control) => <Input {...control} name="maxAttempts" type="number" min={1} max={20} step={1} defaultValue={endpoint?.maxAttempts ?? 8} style={{ maxWidth: '8rem' }} />}
          </Field>
          <label className="checkbox-label">
            <input type="checkbox" name="enabled" defaultChecked={endpoint?.enabled ?? true} />
            Enabled (while disabled, events wait as pending and go out once it is enabled again)
          </label>
          <PrivateNetworkToggle
            checked={allowPrivate}
            onChange={setAllowPrivate}
            warningTitle="Only for a receiver inside your own network."
            warning="Deliveries may then reach loopback, private and link-local addresses, and use plain http."
            offHint="Off: private, loopback and link-local addresses are refused, and only https is used."
          />
          {endpoint && <p className="muted text-sm">Signing secret: ends in <span className="mono">…{endpoint.secretHint}</span>.</p>}
        </fieldset>
        {canEdit && (
          <div className="row row-wrap">
            <Button type="submit" variant="primary" disabled={pending} aria-busy={pending || undefined}>
              {pending && <span className="spinner" aria-hidden="true" />}
              {endpoint ? 'Save endpoint' : 'Create endpoint'}
            </Button>
            {endpoint && (
              <>
                <Button disabled={pending} onClick={() => setConfirmingRegenerate(true)}>
                  Regenerate secret
                </Button>
                <Button disabled={pending} onClick={() => run(() => sendTestEventAction({ slug }), 'Test event written: it appears in the delivery log below.')}>
                  Send test event
                </Button>
              </>
            )}
          </div>
        )}
      </form>
      <Dialog
        open={confirmingRegenerate}
        onClose={() => setConfirmingRegenerate(false)}
        title="Regenerate the signing secret?"
        description="Deliveries are signed with the new secret from now on: until the receiver has it, it will refuse them (they are retried, then failed)."
        footer={
          <>
            <Button onClick={() => setConfirmingRegenerate(false)}>Cancel</Button>
            <Button variant="danger" disabled={pending} onClick={regenerate}>
              Regenerate
            </Button>
          </>
        }
      />
    </div>
  );
}
