import 'server-only';
import type { ImportCounts } from '@/db/schema';
import type { ImportStatus } from '@/lib/enums';

/** An import as the upload API shows it; `url` is the path of its page in the console. */
export type ImportJson = {
  id: string;
  application: string;
  status: ImportStatus;
  dryRun: boolean;
  counts: ImportCounts | null;
  error: string | null;
  holdReason: string | null;
  /** how far a queued or running import has got: rows read, of rowsTotal once the whole feed is read */
  progress: { rowsDone: number; rowsTotal: number | null };
  url: string;
};

export function importJson(item: {
  id: string;
  applicationSlug: string;
  status: ImportStatus;
  dryRun: boolean;
  counts: ImportCounts | null;
  error: string | null;
  holdReason: string | null;
  rowsDone: number;
  rowsTotal: number | null;
}): ImportJson {
  return {
    id: item.id,
    application: item.applicationSlug,
    status: item.status,
    dryRun: item.dryRun,
    counts: item.counts,
    error: item.error,
    holdReason: item.holdReason,
    progress: { rowsDone: item.rowsDone, rowsTotal: item.rowsTotal },
    url: `/applications/${encodeURIComponent(item.applicationSlug)}/imports/${item.id}`,
  };
}

export const noStore = { 'Cache-Control': 'no-store' } as const;

/** Where a script reads the import again (`GET /api/v1/imports/{id}`): the Location of a 202. */
export function importLocation(id: string): string {
  return `/api/v1/imports/${encodeURIComponent(id)}`;
}
