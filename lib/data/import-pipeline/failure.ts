import 'server-only';
import { catchFailure } from '@/lib/errors';
import type { DataContext } from '../context';
import { listImportLogs } from './queries';

/** Why a recorded import failed, as the upload answers and the upload card say it: `import_failed`. */
export type ImportFailure = { code: 'import_failed'; message: string; row?: number; field?: string };

/**
 * The failure of an import: its reason, with the row and field of the first error when the log
 * names them. The row is a courtesy: when this caller cannot read the log, the message alone says why.
 */
export async function describeImportFailure(ctx: DataContext, item: { id: string; error: string | null }): Promise<ImportFailure> {
  const logs = await catchFailure(() => listImportLogs(ctx, item.id, { level: 'error', pageSize: 1 }));
  const first = logs.ok ? logs.value.lines[0] : undefined;
  return {
    code: 'import_failed',
    message: item.error ?? 'The import failed; nothing was applied.',
    ...(first?.row != null ? { row: first.row } : {}),
    ...(first?.field ? { field: first.field } : {}),
  };
}
