import { Badge } from '@/components/ui/badge';
import { importStatuses, type ImportStatus } from '@/lib/enums';
import { importStatusWords } from '../../imports/_components/import-words';

/** The status of an application's last import, in the same words as every imports page. */
export function ImportStatusBadge({ status }: { status: string }) {
  const known = (importStatuses as readonly string[]).includes(status) ? importStatusWords[status as ImportStatus] : null;
  return (
    <Badge tone={known?.tone ?? 'neutral'} dot>
      {known?.label ?? status}
    </Badge>
  );
}
