'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { buttonClassName } from '@/components/ui/class-names';
import { Field } from '@/components/ui/field';
import type { StoredFieldMapping } from '@/db/schema/applications';
import { importMappingAction } from '../mapping-actions';
import { SettingsStatusMessage, type SettingsStatus } from './settings-status';

export interface MappingTransferProps {
  slug: string;
  version: number;
  mapping: StoredFieldMapping | null;
  canEdit: boolean;
}

/** "Export mapping" downloads the control file as JSON; "Import mapping" replaces it with such a file (admins). */
export function MappingTransfer({ slug, version, mapping, canEdit }: MappingTransferProps) {
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<SettingsStatus>(null);
  const [pending, startTransition] = useTransition();

  const importFile = () => {
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setStatus({ tone: 'error', error: { code: 'invalid', message: 'Choose a mapping file (JSON) to import.', field: 'file' } });
      return;
    }
    startTransition(async () => {
      const result = await importMappingAction({ slug, version, text: await file.text() });
      if (!result.ok) {
        setStatus({ tone: 'error', error: result.error });
        return;
      }
      setStatus({ tone: 'success', message: 'Mapping saved.' });
      if (fileInput.current) fileInput.current.value = '';
      router.refresh();
    });
  };

  const json = mapping ? `${JSON.stringify(mapping, null, 2)}\n` : null;
  return (
    <div className="stack stack-sm">
      <SettingsStatusMessage status={status} />
      <div className="row row-wrap" style={{ alignItems: 'flex-end' }}>
        {json && (
          <a className={buttonClassName('secondary', 'sm')} href={`data:application/json;charset=utf-8,${encodeURIComponent(json)}`} download={`${slug}-mapping.json`}>
            Export mapping
          </a>
        )}
        {canEdit && (
          <>
            <Field label="Mapping file (JSON)">
              {(control) => (
                <input
                  {...control}
                  ref={fileInput}
                  type="file"
                  accept="application/json,.json"
                  disabled={pending}
                  onChange={() => setStatus(null)}
                />
              )}
            </Field>
            <Button size="sm" onClick={importFile} disabled={pending} aria-busy={pending || undefined}>
              {pending && <span className="spinner" aria-hidden="true" />}
              Import mapping
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
