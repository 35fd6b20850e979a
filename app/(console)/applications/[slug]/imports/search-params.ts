import { changeKinds, logLevels, type ChangeKind, type LogLevel } from '@/lib/enums';
import type { SearchParamsInput } from '@/lib/url-state/define-table-state';
import { firstValue, pickAllowed, sanitizePage, snapPageSize } from '@/lib/url-state/sanitize';

/*
 * An import's page holds up to three tables (the log, the account changes, and for an import
 * awaiting review the planned changes), each with its own filter and paging, so each owns prefixed
 * parameters: `?level=error&logPage=2&change=update&changesPage=3&planned=remove&plannedPage=2`.
 * Parsed on the server, written by the tables on the client; the URL is never trusted.
 */

export const logPageSizes = [25, 50, 100, 200] as const;
export const changePageSizes = [10, 25, 50, 100] as const;
export const plannedPageSizes = [10, 25, 50, 100] as const;

/** What applying a staged import would do to one account, or a row it rejected (listPlannedChanges). */
export const plannedKinds = ['add', 'update', 'remove', 'restore', 'reject'] as const;
export type PlannedKind = (typeof plannedKinds)[number];

export const importDetailParams = {
  log: { filter: 'level', page: 'logPage', pageSize: 'logPageSize' },
  changes: { filter: 'change', page: 'changesPage', pageSize: 'changesPageSize' },
  planned: { filter: 'planned', page: 'plannedPage', pageSize: 'plannedPageSize' },
} as const;

export type DetailTableName = keyof typeof importDetailParams;

export interface DetailTableState<TFilter extends string> {
  filter: TFilter | null;
  page: number;
  pageSize: number;
}

export interface ImportDetailState {
  log: DetailTableState<LogLevel>;
  changes: DetailTableState<ChangeKind>;
  planned: DetailTableState<PlannedKind>;
}

const defaults = {
  log: { pageSize: 50, sizes: logPageSizes, values: logLevels },
  changes: { pageSize: 25, sizes: changePageSizes, values: changeKinds },
  planned: { pageSize: 25, sizes: plannedPageSizes, values: plannedKinds },
} as const;

export function parseImportDetail(params: SearchParamsInput): ImportDetailState {
  const read = (name: string) =>
    firstValue('getAll' in params && typeof params.getAll === 'function' ? params.getAll(name) : (params as Record<string, string | string[] | undefined>)[name]);
  const table = <T extends DetailTableName>(name: T) => {
    const names = importDetailParams[name];
    const config = defaults[name];
    return {
      filter: pickAllowed(read(names.filter), config.values as readonly string[]) ?? null,
      page: sanitizePage(read(names.page)),
      pageSize: snapPageSize(read(names.pageSize), config.sizes, config.pageSize),
    };
  };
  return {
    log: table('log') as DetailTableState<LogLevel>,
    changes: table('changes') as DetailTableState<ChangeKind>,
    planned: table('planned') as DetailTableState<PlannedKind>,
  };
}

/** The parameters for one table's new state; defaults are left out so the URL stays short. */
export function serializeDetailTable(name: DetailTableName, state: DetailTableState<string>): Record<string, string | null> {
  const names = importDetailParams[name];
  return {
    [names.filter]: state.filter,
    [names.page]: state.page > 1 ? String(state.page) : null,
    [names.pageSize]: state.pageSize !== defaults[name].pageSize ? String(state.pageSize) : null,
  };
}
