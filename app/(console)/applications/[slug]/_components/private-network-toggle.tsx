'use client';

import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';

export interface PrivateNetworkToggleProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Title of the warning shown while it is on, e.g. "Only for a feed inside your own network." */
  warningTitle: string;
  /** What being on allows, in this form's words. */
  warning: ReactNode;
  /** What being off means, in this form's words. */
  offHint: ReactNode;
}

/**
 * "Allow private network addresses" for anything Concord reaches by URL (scheduled pulls, webhooks):
 * off, private, loopback and link-local addresses are refused (lib/sync/address-policy.ts); on, the
 * admin sees what that opens up.
 */
export function PrivateNetworkToggle({ checked, onChange, warningTitle, warning, offHint }: PrivateNetworkToggleProps) {
  return (
    <div className="stack stack-sm">
      <label className="checkbox-label">
        <input type="checkbox" name="allowPrivateNetwork" checked={checked} onChange={(event) => onChange(event.target.checked)} />
        Allow private network addresses
      </label>
      {checked ? (
        <Alert tone="warning" title={warningTitle}>
          {warning}
        </Alert>
      ) : (
        <p className="field-hint">{offHint}</p>
      )}
    </div>
  );
}
