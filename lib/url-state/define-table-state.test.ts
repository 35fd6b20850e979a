import { describe, expect, it } from 'vitest';
import { defineTableState, type TableStateInput } from './define-table-state';

const accounts = defineTableState({
  sortKeys: ['account', 'situation', 'updatedAt'],
  defaultSort: { key: 'account', dir: 'asc' },
  filters: {
    situation: ['no_match', 'exact_match', 'multiple_matches', 'manually_linked'],
    status: ['unlinked', 'needs_confirmation', 'linked'],
  },
  pageSizes: [25, 50, 100],
  defaultPageSize: 50,
});

type AccountsState = ReturnType<typeof accounts.parse>;

const defaults: AccountsState = {
  q: '',
  sort: 'account',
  dir: 'asc',
  page: 1,
  pageSize: 50,
  filters: { situation: [], status: [] },
};

describe('parse', () => {
  const cases: Array<[string, Record<string, string | string[] | undefined>, Partial<AccountsState>]> = [
    ['empty', {}, {}],
    ['search text is trimmed', { q: '  ada lovelace  ' }, { q: 'ada lovelace' }],
    ['blank search text is empty', { q: '   ' }, {}],
    ['control characters are removed', { q: 'a\u0000b\tc' }, { q: 'a b c' }],
    ['search text is capped at 200 characters', { q: 'x'.repeat(500) }, { q: 'x'.repeat(200) }],
    ['the cap counts code points, not UTF-16 units', { q: '😀'.repeat(250) }, { q: '😀'.repeat(200) }],
    ['a repeated parameter reads its first value', { q: ['first', 'second'] }, { q: 'first' }],
    ['a known sort key with a direction', { sort: 'situation', dir: 'desc' }, { sort: 'situation', dir: 'desc' }],
    ['a known sort key without a direction sorts ascending', { sort: 'updatedAt' }, { sort: 'updatedAt', dir: 'asc' }],
    ['an unknown sort key falls back to the default sort', { sort: 'password_hash', dir: 'desc' }, {}],
    ['an SQL fragment as sort key is dropped', { sort: 'account; drop table accounts' }, {}],
    ['sort keys are case-sensitive', { sort: 'Situation' }, {}],
    ['a junk direction falls back', { sort: 'situation', dir: 'sideways' }, { sort: 'situation', dir: 'asc' }],
    ['page 3', { page: '3' }, { page: 3 }],
    ['page 0 is clamped to 1', { page: '0' }, {}],
    ['a negative page is 1', { page: '-4' }, {}],
    ['a fractional page is 1', { page: '2.5' }, {}],
    ['a word as page is 1', { page: 'last' }, {}],
    ['an absurd page is 1', { page: '99999999999999999999' }, {}],
    ['an allowed page size', { pageSize: '100' }, { pageSize: 100 }],
    ['a page size between two allowed ones snaps to the nearer', { pageSize: '90' }, { pageSize: 100 }],
    ['a tie snaps to the smaller size', { pageSize: '75' }, { pageSize: 50 }],
    ['a huge page size snaps to the largest allowed', { pageSize: '1000000' }, { pageSize: 100 }],
    ['a zero page size falls back to the default', { pageSize: '0' }, {}],
    ['a junk page size falls back to the default', { pageSize: 'all' }, {}],
    ['one filter value', { situation: 'no_match' }, { filters: { situation: ['no_match'], status: [] } }],
    [
      'comma-separated values come back in canonical order',
      { situation: 'manually_linked,no_match' },
      { filters: { situation: ['no_match', 'manually_linked'], status: [] } },
    ],
    [
      'repeated parameters are combined',
      { situation: ['exact_match', 'no_match'] },
      { filters: { situation: ['no_match', 'exact_match'], status: [] } },
    ],
    [
      'unknown and duplicate values are dropped',
      { situation: 'no_match,bogus,no_match,,' },
      { filters: { situation: ['no_match'], status: [] } },
    ],
    ['a filter with only junk is empty', { status: 'deleted' }, {}],
    ['filter values are case-sensitive', { status: 'LINKED' }, {}],
    ['unrelated parameters are ignored', { account: '42', tab: 'history' }, {}],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    expect(accounts.parse(input)).toEqual({ ...defaults, ...expected });
  });

  it.each(cases)('reads URLSearchParams the same way: %s', (_name, input, expected) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(input)) {
      for (const v of typeof value === 'string' ? [value] : (value ?? [])) params.append(key, v);
    }
    expect(accounts.parse(params)).toEqual({ ...defaults, ...expected });
  });
});

describe('serialize', () => {
  const cases: Array<[string, TableStateInput, string]> = [
    ['defaults write nothing', {}, ''],
    ['the full default state writes nothing', defaults, ''],
    ['search text', { q: ' ada ' }, 'q=ada'],
    ['filters are comma-joined in canonical order', { filters: { situation: ['manually_linked', 'no_match'] } }, 'situation=no_match%2Cmanually_linked'],
    ['an empty filter writes nothing', { filters: { situation: [] } }, ''],
    ['unknown filter values are never written', { filters: { situation: ['nope'], status: ['linked'] } }, 'status=linked'],
    ['unknown filter names are never written', { filters: { password: ['x'] } }, ''],
    ['a non-default sort writes key and direction', { sort: 'situation', dir: 'desc' }, 'sort=situation&dir=desc'],
    ['the default key in the other direction', { sort: 'account', dir: 'desc' }, 'sort=account&dir=desc'],
    ['an unknown sort key is never written', { sort: 'secret', dir: 'desc' }, ''],
    ['page 1 is left out', { page: 1 }, ''],
    ['page 4', { page: 4 }, 'page=4'],
    ['a bad page is left out', { page: -2 }, ''],
    ['the default page size is left out', { pageSize: 50 }, ''],
    ['an off-list page size snaps', { pageSize: 30 }, 'pageSize=25'],
    [
      'everything, in a stable order',
      { page: 2, pageSize: 100, sort: 'updatedAt', dir: 'desc', q: 'x', filters: { status: ['linked'], situation: ['no_match'] } },
      'q=x&situation=no_match&status=linked&sort=updatedAt&dir=desc&page=2&pageSize=100',
    ],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    expect(accounts.serialize(input).toString()).toBe(expected);
  });

  it.each(cases)('round-trips through parse: %s', (_name, input) => {
    expect(accounts.parse(accounts.serialize(input))).toEqual(accounts.normalize(input));
  });
});

describe('href', () => {
  it.each([
    ['/applications/a1/reconcile', {}, '/applications/a1/reconcile'],
    ['/applications/a1/reconcile', { filters: { situation: ['no_match'] } }, '/applications/a1/reconcile?situation=no_match'],
  ] as const)('%s %j', (pathname, input, expected) => {
    expect(accounts.href(pathname, input)).toBe(expected);
  });
});

describe('isFiltered', () => {
  it.each([
    [{}, false],
    [{ sort: 'situation', page: 3 }, false],
    [{ q: 'ada' }, true],
    [{ filters: { status: ['linked'] } }, true],
  ] as const)('%j → %s', (input, expected) => {
    expect(accounts.isFiltered(accounts.normalize(input))).toBe(expected);
  });
});

describe('descriptor', () => {
  it('lists the parameters it owns', () => {
    expect(accounts.paramNames).toEqual(['q', 'sort', 'dir', 'page', 'pageSize', 'situation', 'status']);
  });

  it('works without filters', () => {
    const plain = defineTableState({ sortKeys: ['at'], defaultSort: { key: 'at', dir: 'desc' }, pageSizes: [20], defaultPageSize: 20 });
    expect(plain.parse({ sort: 'at', situation: 'no_match' })).toEqual({ q: '', sort: 'at', dir: 'desc', page: 1, pageSize: 20, filters: {} });
  });

  const invalid: Array<[string, Parameters<typeof defineTableState>[0], RegExp]> = [
    ['default sort key not in the list', { sortKeys: ['a'], defaultSort: { key: 'b' as 'a', dir: 'asc' }, pageSizes: [10], defaultPageSize: 10 }, /defaultSort/],
    ['default page size not in the list', { sortKeys: ['a'], defaultSort: { key: 'a', dir: 'asc' }, pageSizes: [10], defaultPageSize: 20 }, /defaultPageSize/],
    ['no page sizes', { sortKeys: ['a'], defaultSort: { key: 'a', dir: 'asc' }, pageSizes: [], defaultPageSize: 10 }, /pageSizes is empty/],
    ['a reserved filter name', { sortKeys: ['a'], defaultSort: { key: 'a', dir: 'asc' }, filters: { page: ['x'] }, pageSizes: [10], defaultPageSize: 10 }, /reserved/],
    ['a filter value with a comma', { sortKeys: ['a'], defaultSort: { key: 'a', dir: 'asc' }, filters: { f: ['x,y'] }, pageSizes: [10], defaultPageSize: 10 }, /unusable value/],
  ];

  it.each(invalid)('refuses a bad config: %s', (_name, config, message) => {
    expect(() => defineTableState(config)).toThrow(message);
  });
});
