import { firstValue, pickAllowed, pickAllowedList, sanitizePage, sanitizeQuery, snapPageSize } from './sanitize';

/**
 * One description of a table's URL state, shared by the server (a page parses `searchParams`
 * and hands the result to the data layer) and the client (the table kit writes the URL).
 *
 *   export const accountsTable = defineTableState({
 *     sortKeys: ['account', 'situation', 'updatedAt'],
 *     defaultSort: { key: 'account', dir: 'asc' },
 *     filters: { situation: situationValues, status: linkStatusValues },
 *     pageSizes: [25, 50, 100],
 *     defaultPageSize: 50,
 *   });
 *
 * The URL is never trusted: unknown sort keys and filter values are dropped, the page is clamped,
 * the page size snaps to the allowed list, the search text is trimmed and capped, and junk falls
 * back to the defaults. Everything `parse` returns is safe to put in a query as a value; sort keys
 * are one of `sortKeys`, so a data layer can map them to columns with an exhaustive record.
 */

export type SortDirection = 'asc' | 'desc';

/** Filter name → the values it may take (typically a schema enum's values). */
export type FilterConfig = Readonly<Record<string, readonly string[]>>;

export type FilterValues<TFilters extends FilterConfig> = { -readonly [K in keyof TFilters]: TFilters[K][number][] };

export interface TableState<TSort extends string = string, TFilters extends FilterConfig = FilterConfig> {
  /** Search text, trimmed, at most 200 characters; `''` when absent. */
  q: string;
  sort: TSort;
  dir: SortDirection;
  /** 1-based. */
  page: number;
  pageSize: number;
  /** Every configured filter is present; `[]` means "not filtered". */
  filters: FilterValues<TFilters>;
}

/** What `serialize`/`normalize` accept: any subset, values still unchecked. */
export interface TableStateInput {
  q?: string;
  sort?: string;
  dir?: string;
  page?: number;
  pageSize?: number;
  filters?: Readonly<Record<string, readonly string[] | undefined>>;
}

/** A page's `await searchParams`, a `URLSearchParams`, or Next's `ReadonlyURLSearchParams`. */
export type SearchParamsInput = Readonly<Record<string, string | string[] | undefined>> | Pick<URLSearchParams, 'getAll'>;

export interface TableStateConfig<TSort extends string, TFilters extends FilterConfig> {
  sortKeys: readonly TSort[];
  defaultSort: { key: NoInfer<TSort>; dir: SortDirection };
  filters?: TFilters;
  pageSizes: readonly number[];
  defaultPageSize: number;
}

export interface TableStateDescriptor<TSort extends string, TFilters extends FilterConfig> {
  readonly sortKeys: readonly TSort[];
  readonly pageSizes: readonly number[];
  readonly filterNames: readonly (keyof TFilters & string)[];
  /** Allowed values per filter, as configured. */
  readonly filterValues: TFilters;
  readonly defaults: TableState<TSort, TFilters>;
  /** Every search parameter this descriptor owns; others in the URL are left alone. */
  readonly paramNames: readonly string[];
  parse(searchParams: SearchParamsInput): TableState<TSort, TFilters>;
  /** Checks typed (but untrusted) values and fills the gaps with defaults. */
  normalize(input: TableStateInput): TableState<TSort, TFilters>;
  /** The canonical, minimal parameters for a state: defaults are left out. */
  serialize(input: TableStateInput): URLSearchParams;
  /** `pathname` plus the serialised state, e.g. for a server-rendered link to a filtered view. */
  href(pathname: string, input: TableStateInput): string;
  /** True when search text or any filter narrows the rows (sorting and paging do not). */
  isFiltered(state: TableState<TSort, TFilters>): boolean;
}

const RESERVED = ['q', 'sort', 'dir', 'page', 'pageSize'] as const;

export function defineTableState<const TSort extends string, const TFilters extends FilterConfig = Record<never, never>>(
  config: TableStateConfig<TSort, TFilters>,
): TableStateDescriptor<TSort, TFilters> {
  assertValidConfig(config);
  const filterConfig = (config.filters ?? {}) as TFilters;
  const filterNames = Object.keys(filterConfig) as (keyof TFilters & string)[];

  const read = (params: SearchParamsInput, name: string): string | string[] | undefined => {
    if (isURLSearchParams(params)) {
      const all = params.getAll(name);
      return all.length === 0 ? undefined : all;
    }
    return params[name];
  };

  const normalizeFilters = (raw: (name: string) => string | readonly string[] | undefined): FilterValues<TFilters> => {
    const out: Record<string, string[]> = {};
    for (const name of filterNames) out[name] = pickAllowedList(raw(name), filterConfig[name] ?? []);
    return out as FilterValues<TFilters>;
  };

  const normalizeSort = (rawKey: string | undefined, rawDir: string | undefined): { sort: TSort; dir: SortDirection } => {
    const sort = pickAllowed(rawKey, config.sortKeys);
    if (sort === undefined) return { sort: config.defaultSort.key, dir: config.defaultSort.dir };
    const dir = pickAllowed(rawDir, ['asc', 'desc'] as const);
    if (dir !== undefined) return { sort, dir };
    return { sort, dir: sort === config.defaultSort.key ? config.defaultSort.dir : 'asc' };
  };

  const normalize = (input: TableStateInput): TableState<TSort, TFilters> => ({
    q: sanitizeQuery(input.q),
    ...normalizeSort(input.sort, input.dir),
    page: sanitizePage(input.page),
    pageSize: snapPageSize(input.pageSize, config.pageSizes, config.defaultPageSize),
    filters: normalizeFilters((name) => input.filters?.[name]),
  });

  const parse = (params: SearchParamsInput): TableState<TSort, TFilters> => ({
    q: sanitizeQuery(firstValue(read(params, 'q'))),
    ...normalizeSort(firstValue(read(params, 'sort')), firstValue(read(params, 'dir'))),
    page: sanitizePage(firstValue(read(params, 'page'))),
    pageSize: snapPageSize(firstValue(read(params, 'pageSize')), config.pageSizes, config.defaultPageSize),
    filters: normalizeFilters((name) => read(params, name)),
  });

  const serialize = (input: TableStateInput): URLSearchParams => {
    const state = normalize(input);
    const params = new URLSearchParams();
    if (state.q) params.set('q', state.q);
    for (const name of filterNames) {
      const values = state.filters[name];
      if (values.length > 0) params.set(name, values.join(','));
    }
    if (state.sort !== config.defaultSort.key || state.dir !== config.defaultSort.dir) {
      params.set('sort', state.sort);
      params.set('dir', state.dir);
    }
    if (state.page !== 1) params.set('page', String(state.page));
    if (state.pageSize !== config.defaultPageSize) params.set('pageSize', String(state.pageSize));
    return params;
  };

  return {
    sortKeys: config.sortKeys,
    pageSizes: config.pageSizes,
    filterNames,
    filterValues: filterConfig,
    defaults: normalize({}),
    paramNames: [...RESERVED, ...filterNames],
    parse,
    normalize,
    serialize,
    href(pathname, input) {
      const query = serialize(input).toString();
      return query ? `${pathname}?${query}` : pathname;
    },
    isFiltered(state) {
      return state.q !== '' || filterNames.some((name) => state.filters[name].length > 0);
    },
  };
}

function isURLSearchParams(params: SearchParamsInput): params is Pick<URLSearchParams, 'getAll'> {
  return typeof (params as Partial<URLSearchParams>).getAll === 'function';
}

/** A bad descriptor is a programming error: fail at import time, loudly. */
function assertValidConfig(config: TableStateConfig<string, FilterConfig>): void {
  const problems: string[] = [];
  if (config.sortKeys.length === 0) problems.push('sortKeys is empty');
  if (!config.sortKeys.includes(config.defaultSort.key)) problems.push(`defaultSort.key "${config.defaultSort.key}" is not in sortKeys`);
  if (config.pageSizes.length === 0) problems.push('pageSizes is empty');
  for (const size of config.pageSizes) {
    if (!Number.isSafeInteger(size) || size < 1) problems.push(`page size ${size} is not a positive integer`);
  }
  if (!config.pageSizes.includes(config.defaultPageSize)) problems.push(`defaultPageSize ${config.defaultPageSize} is not in pageSizes`);
  for (const [name, values] of Object.entries(config.filters ?? {})) {
    if ((RESERVED as readonly string[]).includes(name)) problems.push(`filter name "${name}" is reserved`);
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) problems.push(`filter name "${name}" is not URL-safe`);
    for (const value of values) {
      if (value === '' || value.includes(',') || value.trim() !== value) problems.push(`filter "${name}" has an unusable value "${value}"`);
    }
  }
  if (problems.length > 0) throw new Error(`defineTableState: ${problems.join('; ')}`);
}
