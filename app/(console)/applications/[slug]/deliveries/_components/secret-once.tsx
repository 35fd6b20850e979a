'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyOnceField } from '@/components/ui/copy-once-field';

/** The endpoint's new secret, shown this once with a Copy button; the page never shows it again. */
export function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <Alert tone="warning" title="Copy the signing secret now: it will not be shown again.">
      <div className="stack stack-sm">
        <CopyOnceField label="Signing secret" hint="The receiver checks Concord-Signature with it (README, Webhooks). If it is lost, regenerate it." value={secret} />
        <div className="row">
          <Button size="sm" onClick={onDone}>
            Done, I have copied it
          </Button>
        </div>
      </div>
    </Alert>
  );
}
