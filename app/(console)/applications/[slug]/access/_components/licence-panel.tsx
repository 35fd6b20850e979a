'use client';

import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { ProgressBar } from '@/components/ui/progress-bar';
import type { LicenceSummary } from '@/lib/data/licences';
import { formatDateTime } from '@/app/(console)/imports/_components/import-words';
import { fieldMessage, formMessage } from '../../../_components/field-message';
import { setLicenceLimitAction } from '../actions';
import { countOf, useAccessAction } from './use-access-action';

/** The queue runs down as many columns as the card has room for, in order. */
const queueStyle = { margin: 0, paddingLeft: '1.5rem', columns: '22rem 3', columnGap: 'var(--space-6)' } as const;

/** Used / limit with a bar, the waiting queue in order, and (admins) the limit form. */
export function LicencePanel({ slug, summary, canEdit }: { slug: string; summary: LicenceSummary; canEdit: boolean }) {
  const { limit, used, waiting, waitingTotal, invited } = summary;
  const words = limit === null ? `${used.toLocaleString('en')} used · no limit` : `${used.toLocaleString('en')} of ${limit.toLocaleString('en')} used`;
  return (
    <div className="stack">
      <div className="stack stack-sm">
        <p className="row row-between">
          <strong>Licences: {words}</strong>
          <span className="muted text-sm">
            {countOf(waitingTotal, 'waiting', 'waiting')} · {countOf(invited, 'invited', 'invited')}
          </span>
        </p>
        {limit !== null && <ProgressBar label="Licences used" value={used} max={Math.max(limit, 1)} valueText={words} />}
      </div>
      {canEdit && <LimitForm slug={slug} limit={limit} />}
      <section aria-labelledby="waiting-queue-title" className="stack stack-sm">
        <h3 id="waiting-queue-title" className="text-sm">
          Waiting for a licence, in order
        </h3>
        {waiting.length === 0 ? (
          <p className="muted text-sm">Nobody is waiting.</p>
        ) : (
          <ol aria-label="Waiting queue" style={queueStyle}>
            {waiting.map((w) => (
              <li key={w.identityId} style={{ breakInside: 'avoid', paddingBottom: 'var(--space-1)' }}>
                <a href={`/identities/${w.identityId}`}>{w.name}</a> <span className="muted text-sm">requested {formatDateTime(w.requestedAt)}</span>
              </li>
            ))}
          </ol>
        )}
        {waitingTotal > waiting.length && <p className="muted text-sm">…and {(waitingTotal - waiting.length).toLocaleString('en')} more.</p>}
      </section>
    </div>
  );
}

function LimitForm({ slug, limit }: { slug: string; limit: number | null }) {
  const [value, setValue] = useState(limit === null ? '' : String(limit));
  const { pending, error, setError, perform } = useAccessAction();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = value.trim();
    const next = text === '' ? null : Number(text);
    if (next !== null && !Number.isInteger(next)) {
      setError({ code: 'invalid', message: 'Enter a whole number of licences, or leave it empty for unlimited.', field: 'limit' });
      return;
    }
    perform(
      () => setLicenceLimitAction({ slug, limit: next }),
      (r) => `Licence limit ${next === null ? 'removed' : `set to ${next}`}${r.activated ? `; ${countOf(r.activated, 'waiting identity', 'waiting identities')} activated` : ''}.`,
    );
  };
  return (
    <form className="row row-wrap" style={{ alignItems: 'end' }} onSubmit={onSubmit} noValidate>
      {/* No hint under the input, so that the button lines up with it. */}
      <Field label="Licence limit (empty for unlimited)" error={fieldMessage(error, 'limit')}>
        {(control) => <Input {...control} inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} style={{ width: '10rem' }} />}
      </Field>
      <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
        Set limit
      </Button>
      {formMessage(error, ['limit']) && <Alert tone="error">{formMessage(error, ['limit'])}</Alert>}
    </form>
  );
}
