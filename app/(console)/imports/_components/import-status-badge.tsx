import { Badge } from '@/components/ui/badge';
import type { ImportStatus } from '@/lib/enums';
import { importStatusWords } from './import-words';

/** Success / Partial success / Failure / Running / Queued, with the colour echoing the word. */
export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  const words = importStatusWords[status];
  return (
    <Badge tone={words.tone} dot>
      {words.label}
    </Badge>
  );
}
