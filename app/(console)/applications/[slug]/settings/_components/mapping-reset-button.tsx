'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';

export interface MappingResetButtonProps {
  disabled: boolean;
  /** The form holds edits not saved yet: the confirmation says they are lost too. */
  hasUnsavedChanges: boolean;
  onConfirm: () => void;
}

/** "Reset to automatic", asked again in a dialog: it throws the stored mapping away in one click otherwise. */
export function MappingResetButton({ disabled, hasUnsavedChanges, onConfirm }: MappingResetButtonProps) {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  const confirm = () => {
    setOpen(false);
    onConfirm();
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={disabled} aria-haspopup="dialog">
        Reset to automatic
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title="Reset the mapping to automatic?"
        description={`The stored mapping is discarded${hasUnsavedChanges ? ', and so are the changes not saved yet' : ''}. The next feed's header generates it again.`}
        footer={
          <>
            <Button onClick={close}>Cancel</Button>
            <Button variant="danger" onClick={confirm}>
              Reset mapping
            </Button>
          </>
        }
      />
    </>
  );
}
