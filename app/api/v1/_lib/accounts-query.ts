import { linkStatuses, situations, type LinkStatus, type Situation } from '@/lib/enums';
import { fail, ok, type Result } from '@/lib/errors';
import { reconcileSortKeys, type ReconcileQuery } from '@/lib/reconciliation/query';

export const exportFormats = ['json', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** The reconciliation page's filters without paging: the export walks every page itself. */
export type AccountsExportQuery = Omit<ReconcileQuery, 'page' | 'pageSize'> & { format: ExportFormat };

const MAX_SEARCH_LENGTH = 200;

/**
 * `?format=json|csv&q=&situation=&status=&sort=&dir=`: the reconciliation page's parameters (lists
 * comma-separated or repeated, as in its URLs). Unlike the page, which falls back to defaults on junk,
 * the API answers a bad value with 400 naming the parameter: a script should hear about its typo.
 */
export function parseAccountsQuery(params: URLSearchParams): Result<AccountsExportQuery> {
  const format = (params.get('format')?.trim().toLowerCase() || 'json') as ExportFormat;
  if (!exportFormats.includes(format)) return fail('invalid', 'format must be json or csv.', { field: 'format' });
  const q = params.get('q')?.trim() ?? '';
  if (q.length > MAX_SEARCH_LENGTH) return fail('invalid', `q can have at most ${MAX_SEARCH_LENGTH} characters.`, { field: 'q' });
  const situation = list(params, 'situation', situations);
  if (!situation.ok) return situation;
  const status = list(params, 'status', linkStatuses);
  if (!status.ok) return status;
  const sort = params.get('sort')?.trim() || 'account';
  if (!(reconcileSortKeys as readonly string[]).includes(sort)) {
    return fail('invalid', `sort must be one of: ${reconcileSortKeys.join(', ')}.`, { field: 'sort' });
  }
  const dir = params.get('dir')?.trim().toLowerCase() || 'asc';
  if (dir !== 'asc' && dir !== 'desc') return fail('invalid', 'dir must be asc or desc.', { field: 'dir' });
  return ok({ format, q, situation: situation.value as Situation[], status: status.value as LinkStatus[], sort: sort as ReconcileQuery['sort'], dir });
}

function list(params: URLSearchParams, name: string, allowed: readonly string[]): Result<string[]> {
  const values = [...new Set(params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== ''))];
  const wrong = values.find((v) => !allowed.includes(v));
  if (wrong !== undefined) return fail('invalid', `"${wrong}" is not a ${name}. Use: ${allowed.join(', ')}.`, { field: name });
  return ok(values);
}
